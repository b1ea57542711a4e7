"""What every inline of a project's rows shares: the rows are the project's, so
whoever may add, change or view the project in the admin may do the same with
them (the project's admin asks ``accounts.permissions``), as Django does for the
rows of a many-to-many inline."""


class ProjectRowsPermissions:
    """An inline whose rows are its parent's: the parent's admin answers."""

    def parent_admin(self):
        return self.admin_site.get_model_admin(self.parent_model)

    def has_add_permission(self, request, obj):
        if obj is None:
            return self.parent_admin().has_add_permission(request)
        return self.parent_admin().has_change_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return self.parent_admin().has_add_permission(request)
        return self.parent_admin().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def has_view_permission(self, request, obj=None):
        return self.parent_admin().has_view_permission(
            request, obj
        ) or self.has_change_permission(request, obj)
