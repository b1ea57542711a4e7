from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView

from partners.collation import Collated
from partners.models import Province

from .models import FocalPoint, Representation, Unit
from .vcard import unit_vcard


class DirectoryView(TemplateView):
    """Every unit of DGCIN in hierarchy, with all its lines."""

    template_name = "directory/directory.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(units=Unit.objects.tree(), **kwargs)


class UnitDetailView(DetailView):
    template_name = "directory/unit_detail.html"
    context_object_name = "unit"

    def get_queryset(self):
        return Unit.objects.with_lines().select_related("parent")

    def get_context_data(self, **kwargs):
        return super().get_context_data(children=self.object.children.all(), **kwargs)


def unit_vcard_view(request, slug):
    unit = get_object_or_404(Unit.objects.with_lines(), slug=slug)
    response = HttpResponse(
        unit_vcard(unit, request.build_absolute_uri(unit.get_absolute_url())),
        content_type="text/vcard; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{unit.slug}.vcf"'
    return response


class RepresentationListView(ListView):
    """Argentina's diplomatic representations, grouped by region."""

    template_name = "directory/representation_list.html"
    context_object_name = "representations"

    def get_queryset(self):
        return Representation.objects.for_listing()


class FocalPointListView(TemplateView):
    """The provinces' focal points: every jurisdiction, designated or not."""

    template_name = "directory/focal_point_list.html"

    def get_context_data(self, **kwargs):
        focal_points = {fp.province_id: fp for fp in FocalPoint.objects.all()}
        provinces = [
            (province, focal_points.get(province.pk))
            for province in Province.objects.order_by(Collated("name"))
        ]
        return super().get_context_data(
            provinces=provinces,
            designated=len(focal_points),
            **kwargs,
        )
