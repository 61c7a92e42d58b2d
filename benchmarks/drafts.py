"""Drafts of realistic size for the benchmarks that drive the EOI form: answers of a
few hundred words in French or English (sentences a focal point might write), 4 or 5
team members, one focal point per country."""

import random

SENTENCES = {
    "fr": [
        "Notre pays a engagé une réforme du financement de la santé qui vise la couverture universelle d'ici 2030.",
        "Les équipes du ministère de la Santé et de la caisse nationale d'assurance maladie travaillent ensemble depuis trois ans.",
        "Le panier de soins garanti a été redéfini en 2022 à partir d'une étude des coûts dans quarante formations sanitaires.",
        "La contractualisation avec les districts sanitaires reste le point faible du dispositif actuel.",
        "Nous souhaitons apprendre des pays qui ont déjà lié le paiement des prestataires aux résultats.",
        "Les collectivités territoriales financent désormais une partie des soins primaires, mais sans mécanisme de suivi commun.",
        "Une plateforme numérique d'enregistrement des bénéficiaires est en cours de déploiement dans trois régions pilotes.",
        "Le comité de pilotage réunit chaque trimestre la santé, les finances, la protection sociale et la société civile.",
        "Les données de la dernière enquête montrent que les dépenses directes des ménages représentent encore 38 % des dépenses de santé.",
        "L'équipe proposée associe des responsables nationaux et des gestionnaires de district qui appliqueront les leçons sur le terrain.",
        "Nous nous engageons à partager nos outils de calcul des coûts et nos guides de contractualisation avec les autres pays.",
        "Le ministère des Finances a inscrit une ligne budgétaire pour l'achat stratégique dans la loi de finances de cette année.",
        "La participation à ce projet collaboratif permettrait d'accélérer la révision du décret sur les paiements aux prestataires.",
        "Les premiers résultats de l'expérience pilote sont encourageants : la fréquentation des centres a augmenté de 15 %.",
        "Le principal défi reste la coordination entre les régimes contributifs et non contributifs.",
        "Nous avons besoin d'exemples concrets de tableaux de bord utilisés par d'autres acheteurs de soins.",
    ],
    "en": [
        "Our country has started a health financing reform aimed at universal health coverage by 2030.",
        "The teams of the Ministry of Health and the national health insurance fund have worked together for three years.",
        "The guaranteed benefit package was redefined in 2022 from a costing study in forty health facilities.",
        "Contracting with district health offices remains the weak point of the current arrangements.",
        "We want to learn from countries that have already linked provider payment to results.",
        "Local governments now fund part of primary care, but without a shared monitoring mechanism.",
        "A digital beneficiary registration platform is being rolled out in three pilot regions.",
        "The steering committee brings together health, finance, social protection and civil society every quarter.",
        "The latest survey shows that out-of-pocket spending still accounts for 38 percent of health expenditure.",
        "The proposed team combines national leaders and district managers who will apply the lessons on the ground.",
        "We commit to sharing our costing tools and contracting guides with the other countries of the network.",
        "The Ministry of Finance has included a budget line for strategic purchasing in this year's budget law.",
        "Taking part in this collaborative would speed up the revision of the decree on provider payments.",
        "The first results of the pilot are encouraging: attendance at health centres rose by 15 percent.",
        "The main challenge remains coordination between contributory and non-contributory schemes.",
        "We need concrete examples of dashboards used by other purchasers of health services.",
    ],
}
MARKER = {"fr": "Version de travail n° {n} : relue par l'équipe.", "en": "Working draft no. {n}: read by the team."}
ANSWER_WORDS = {"relevance": 330, "efforts": 300, "action": 230}  # limits 400, 400, 300


def text_of(language, words, rng):
    """Sentences of `language` drawn at random up to about `words` words, in 3 paragraphs
    (CRLF between them, as a browser sends a textarea)."""
    sentences, count = [], 0
    while count < words:
        sentence = rng.choice(SENTENCES[language])
        sentences.append(sentence)
        count += len(sentence.split())
    third = len(sentences) // 3
    return "\r\n\r\n".join(" ".join(part) for part in (sentences[:third], sentences[third:2 * third], sentences[2 * third:]))


def seed_drafts(count, *, password, seed=13):
    """One open call with the 2023 questionnaire; for each of `count` countries a focal point
    (signing in with `password`) and a complete draft of realistic size: three answers of
    230–330 words in the country's working language (every other country French), 4 or 5
    team members. {email: (EOI pk, working language)}."""
    from django.contrib.auth.hashers import make_password
    from django_countries import countries

    from accounts.enums import Role
    from accounts.models import User
    from countries.tests.factories import CountryFactory
    from eoi.models import Answer, TeamMember
    from eoi.tests.factories import CallFactory, EOIFactory, fill_complete

    call = CallFactory(slug="deadline-day")
    password = make_password(password)  # once: the production hasher is slow on purpose
    rng = random.Random(seed)
    people = {}
    for number, (code, _) in enumerate(list(countries)[:count]):
        language = "fr" if number % 2 else "en"
        country = CountryFactory(code=code, working_language=language)
        user = User.objects.create(email=f"focal-{code.lower()}@example.org", full_name=f"Focal point {code}",
                                   role=Role.FOCAL_POINT, language=language, password=password)
        country.focal_points.add(user)
        eoi = fill_complete(EOIFactory(call=call, country=country), members=4 + number % 2)
        for answer in Answer.objects.filter(eoi=eoi).select_related("question"):
            answer.text = text_of(language, ANSWER_WORDS[answer.question.key], rng)
            answer.save(update_fields=["text"])
        for member in TeamMember.objects.filter(eoi=eoi):
            member.why_role_matters = text_of(language, 45, rng).replace("\r\n\r\n", " ")
            member.save(update_fields=["why_role_matters"])
        people[user.email] = (eoi.pk, language)
    return people
