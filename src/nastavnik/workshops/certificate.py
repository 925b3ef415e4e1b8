"""The certificate of a completed professional-development trajectory, as PDF and as DOCX."""

from __future__ import annotations

import io
from typing import Any

from django.template.loader import render_to_string
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from nastavnik.documents import docx_kit
from nastavnik.workshops.models import Enrolment


def context(enrolment: Enrolment) -> dict[str, Any]:
    trajectory = enrolment.trajectory
    hours = trajectory.hours
    return {
        "number": enrolment.certificate_number,
        "organisation": enrolment.organisation.name,
        "full_name": enrolment.person.full_name,
        "trajectory": trajectory.name,
        "hours": hours,
        "hours_text": f"{hours} ч",
        "completed_on": enrolment.completed_on.strftime("%d.%m.%Y") if enrolment.completed_on else "",
        "academic_year": enrolment.academic_year.name,
    }


def lines(data: dict[str, Any]) -> list[str]:
    return [
        f"Сертификат № {data['number']}",
        "Настоящий сертификат подтверждает, что",
        data["full_name"],
        f"освоил(а) траекторию повышения квалификации «{data['trajectory']}» проекта «Мастерские роста» "
        f"в объёме {data['hours_text']}.",
        f"{data['organisation']}, {data['academic_year']} учебный год. Дата завершения: {data['completed_on']}.",
    ]


def render_pdf(enrolment: Enrolment) -> bytes:
    from weasyprint import HTML

    data = context(enrolment)
    html = render_to_string("workshops/certificate_pdf.html", {**data, "lines": lines(data)})
    return bytes(HTML(string=html).write_pdf())


def render_docx(enrolment: Enrolment) -> bytes:
    document = Document()
    docx_kit.page(document, size=14)
    for index, text in enumerate(lines(context(enrolment))):
        docx_kit.paragraph(document, text, bold=index in (0, 2), align=WD_ALIGN_PARAGRAPH.CENTER, after=12)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def filename(enrolment: Enrolment, extension: str) -> str:
    return f"sertifikat-{enrolment.organisation_id}-{enrolment.certificate_number}.{extension}"
