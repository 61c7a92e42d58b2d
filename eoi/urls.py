from django.urls import path

from . import views

app_name = "eoi"
urlpatterns = [
    path("", views.FocalPointHomeView.as_view(), name="home"),
    path("calls/<slug:slug>/", views.call_detail, name="call_detail"),
    path("calls/<slug:slug>/questionnaire/", views.call_questionnaire, name="call_questionnaire"),
    path("calls/<int:call_pk>/start/<int:country_pk>/", views.eoi_start, name="start"),
    path("<int:pk>/", views.eoi_detail, name="detail"),
    path("<int:pk>/edit/", views.eoi_edit, name="edit"),
    path("<int:pk>/autosave/", views.eoi_autosave, name="autosave"),
    path("<int:pk>/submit/", views.eoi_submit, name="submit"),
    path("<int:pk>/withdraw/", views.eoi_withdraw, name="withdraw"),
    path("<int:pk>/reopen/", views.eoi_reopen, name="reopen"),
    path("<int:pk>/record-received/", views.eoi_record_received, name="record_received"),
    path("<int:pk>/members/<int:member_pk>/resend/", views.member_resend, name="member_resend"),
    path("<int:pk>/members/request/", views.members_request, name="members_request"),
    path("members/<int:member_pk>/confirm/<str:token>/", views.member_confirm, name="member_confirm"),
    path("manage/", views.ManagerCallListView.as_view(), name="manage_calls"),
    path("manage/new/", views.call_create, name="manage_call_create"),
    path("manage/<int:pk>/", views.call_edit, name="manage_call_edit"),
    path("manage/<int:pk>/clone/", views.call_clone, name="manage_call_clone"),
    path("manage/<int:pk>/publish/", views.call_publish, name="manage_call_publish"),
    path("manage/<int:pk>/close/", views.call_close, name="manage_call_close"),
    path("manage/<int:pk>/eois/", views.CallEOIListView.as_view(), name="manage_eois"),
    path("manage/<int:pk>/eois/export/<slug:table>.<slug:file_format>", views.CallEOIExportView.as_view(),
         name="manage_eois_export"),
    path("manage/<int:pk>/confirmations/", views.CallConfirmationListView.as_view(), name="manage_confirmations"),
    path("manage/<int:pk>/record-email/", views.call_record_email, name="manage_record_email"),
    path("manage/<int:pk>/extension/", views.call_extension, name="manage_extension"),
]
