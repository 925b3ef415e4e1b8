"""A pair's transitions and the director's order «О закреплении наставнических пар (групп)»."""

from __future__ import annotations

from django.urls import path

from nastavnik.pairs import views_lifecycle as views

urlpatterns = [
    path("<int:pk>/activate/", views.activate, name="activate"),
    path("<int:pk>/stage/", views.stage, name="stage"),
    path("programmes/<int:pk>/orders/", views.order_list, name="orders"),
    path("orders/<int:pk>/", views.order_detail, name="order"),
    path("orders/<int:pk>/docx/", views.order_docx, name="order_docx"),
    path("orders/<int:pk>/register/", views.order_register, name="order_register"),
    path("orders/<int:pk>/delete/", views.order_delete, name="order_delete"),
]
