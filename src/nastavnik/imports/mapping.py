"""The column mapping step between the upload and the preview.

A file whose columns are all recognised (by the organisation's remembered mapping of that layout,
or by the synonym list) goes straight to the preview; otherwise the upload is kept as a batch
waiting for the mapping, and the confirmed mapping is remembered for the next upload.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from nastavnik.imports import services
from nastavnik.imports.columns import Resolution, SourceTable, build_table, remember_mapping
from nastavnik.imports.models import ImportBatch, ImportStatus
from nastavnik.imports.parsing import source_from_json, source_to_json
from nastavnik.orgs.models import Organisation

User = AbstractBaseUser | AnonymousUser


def mapping_json(mapping: dict[int, str], *, remembered: bool, confirmed: bool = False) -> dict[str, Any]:
    return {
        "columns": {str(index): key for index, key in mapping.items()},
        "remembered": remembered,
        "confirmed": confirmed,
    }


def mapping_of(batch: ImportBatch) -> dict[int, str]:
    return {int(index): key for index, key in (batch.mapping or {}).get("columns", {}).items()}


def source_of(batch: ImportBatch) -> SourceTable:
    return source_from_json(batch.source or {})


def start(
    *, organisation: Organisation, kind: str, source: SourceTable, resolution: Resolution, filename: str, user: User
) -> ImportBatch:
    """A preview batch when the mapping needs no one's confirmation, else a batch waiting at the mapping step."""
    if resolution.ready:
        table = build_table(source, resolution.mapping, kind, organisation.kind)
        batch = services.prepare_batch(organisation=organisation, kind=kind, table=table, filename=filename, user=user)
        _keep_source(batch, source, mapping_json(resolution.mapping, remembered=resolution.remembered))
        return batch
    uploaded_by: Any = user if user.is_authenticated else None
    return ImportBatch.objects.create(
        organisation=organisation,
        kind=kind,
        filename=filename[:255],
        uploaded_by=uploaded_by,
        status=ImportStatus.MAPPING,
        source=source_to_json(source),
        mapping=mapping_json(resolution.mapping, remembered=False),
        summary={"rows": len(source.rows)},
    )


def confirm(batch: ImportBatch, mapping: dict[int, str], user: User) -> ImportBatch:
    """Check the file again with the confirmed mapping, remember it, and replace the old batch by the new preview."""
    source = source_of(batch)
    organisation = batch.organisation
    table = build_table(source, mapping, batch.kind, organisation.kind)
    with transaction.atomic():
        remember_mapping(organisation, batch.kind, source.titles, mapping)
        new = services.prepare_batch(
            organisation=organisation, kind=batch.kind, table=table, filename=batch.filename, user=user
        )
        _keep_source(new, source, mapping_json(mapping, remembered=False, confirmed=True))
        batch.delete()
    return new


def confirm_for_job(batch: ImportBatch, mapping: dict[int, str]) -> None:
    """A big file: remember the confirmed mapping and keep it on the batch; the background job checks the rows."""
    remember_mapping(batch.organisation, batch.kind, source_of(batch).titles, mapping)
    batch.mapping = mapping_json(mapping, remembered=False, confirmed=True)
    batch.save(update_fields=["mapping"])


def _keep_source(batch: ImportBatch, source: SourceTable, mapping: dict[str, Any]) -> None:
    batch.source = source_to_json(source)
    batch.mapping = mapping
    batch.save(update_fields=["source", "mapping"])
