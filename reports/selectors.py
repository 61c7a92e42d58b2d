from accounts.enums import Role

from .models import GeneratedFile


def generated_files_for_user(user):
    """The files listed on a person's Reports page: a network manager sees every file the
    managers asked for, anyone else the files they asked for themselves."""
    queryset = GeneratedFile.objects.select_related("requested_by")
    if user.role == Role.MANAGER:
        return queryset.filter(requested_by__role=Role.MANAGER)
    return queryset.filter(requested_by=user)


def generated_file_detail():
    return GeneratedFile.objects.select_related("requested_by")
