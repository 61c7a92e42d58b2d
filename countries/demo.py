"""Demo data for the embedded default: the JLN countries and one core group."""

from datetime import date

from .models import CoreGroup, CoreGroupMember, Country
from .services import countries_load

# Countries the seeds name that are not in the member list: realistic applicants.
NON_MEMBERS = [("BJ", "africa", "fr"), ("BF", "africa", "fr"), ("NE", "africa", "fr")]


def load():
    countries_load()
    for code, region, language in NON_MEMBERS:
        Country.objects.get_or_create(code=code, defaults={"region": region, "working_language": language})
    senegal = Country.objects.get(code="SN")
    group, _ = CoreGroup.objects.get_or_create(country=senegal, defaults={"established_on": date(2016, 3, 1)})
    for name, institution, position, email, gender, coordinator in [
        ("Aminata Diallo", "Ministère de la Santé et de l'Action sociale", "Directrice de la planification",
         "aminata.diallo@example.org", "female", True),
        ("Moussa Ndiaye", "Agence de la Couverture Maladie Universelle", "Chef de division", "moussa.ndiaye@example.org",
         "male", False),
        ("Fatou Sarr", "Pharmacie nationale d'approvisionnement", "Responsable logistique", "fatou.sarr@example.org",
         "female", False),
    ]:
        CoreGroupMember.objects.get_or_create(
            core_group=group, email=email,
            defaults={"name": name, "institution": institution, "position": position, "gender": gender,
                      "is_coordinator": coordinator},
        )
