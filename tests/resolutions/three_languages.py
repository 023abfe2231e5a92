"""A resolution shaped like seed 001's (Council Resolution No. 1150 (XCIII): four preambular
paragraphs, five operative ones, the second with two sub-points, one annex with parts), written
fresh in English, French and Spanish; and the fixed words of documents.md ("Language versions")
each version must print."""
from __future__ import annotations

import io

import docx

ENGLISH = {
    "title": "Strategy of the Organization",
    "preamble": [
        "*Recalling* its Resolution No. 877 (LXII) of 2 December 1996 on the long-term priorities of the Organization",
        "Mindful of the value of reviewing those priorities at regular intervals",
        "Recognizing the growing demand from States for advice on orderly mobility",
        "Having examined the report of its Chairperson on the consultations held since its last session (C/93/4)",
    ],
    "operative": [
        "To thank its Chairperson for her patient and skilful conduct of the consultations",
        {"text": "To approve the strategy annexed to the present resolution, which sets out",
         "points": ["the purposes the Organization serves", "the services it offers to Member States"]},
        "To confirm that the strategy is carried out within the framework of the Constitution",
        "To invite the Director General to report at its next session on the plan to carry out the strategy",
        "To review the strategy in four years",
    ],
    "annexes": [{"title": "Strategy document",
                 "text": "## Part I: Purposes\n\nThe Organization assists orderly and humane mobility.\n\n"
                         "1. To offer reliable services.\n2. To advise States on request."}],
}

FRENCH = {
    "language": "fr",
    "title": "Stratégie de l'Organisation",
    "preamble": [
        "*Rappelant* sa résolution n° 877 (LXII) du 2 décembre 1996 sur les priorités à long terme de l'Organisation",
        "*Consciente* de l'intérêt de réexaminer ces priorités à intervalles réguliers",
        "Reconnaissant la demande croissante des États en matière de conseils sur une mobilité ordonnée",
        "*Ayant examiné* le rapport de sa Présidente sur les consultations tenues depuis sa dernière session (C/93/4)",
    ],
    "operative": [
        "De remercier sa Présidente pour la conduite patiente et habile des consultations",
        {"text": "D'approuver la stratégie annexée à la présente résolution, qui énonce",
         "points": ["les buts que sert l'Organisation", "les services qu'elle offre aux États Membres"]},
        "De confirmer que la stratégie est mise en œuvre dans le cadre de la Constitution",
        "D'inviter le Directeur général à faire rapport à sa prochaine session sur le plan de mise en œuvre",
        "De réexaminer la stratégie dans quatre ans",
    ],
    "annexes": [{"title": "Document de stratégie",
                 "text": "## Partie I : Buts\n\nL'Organisation favorise une mobilité ordonnée et humaine.\n\n"
                         "1. Offrir des services fiables.\n2. Conseiller les États qui le demandent."}],
}

SPANISH = {
    "language": "es",
    "title": "Estrategia de la Organización",
    "preamble": [
        "*Recordando* su Resolución N° 877 (LXII) de 2 de diciembre de 1996 sobre las prioridades a largo plazo",
        "*Consciente* de la conveniencia de examinar esas prioridades a intervalos regulares",
        "Reconociendo la creciente demanda de los Estados de asesoramiento sobre una movilidad ordenada",
        "*Habiendo examinado* el informe de su Presidenta sobre las consultas celebradas desde su última reunión",
    ],
    "operative": [
        "Agradecer a su Presidenta la conducción paciente y hábil de las consultas",
        {"text": "Aprobar la estrategia anexa a la presente resolución, que enuncia",
         "points": ["los fines a los que sirve la Organización", "los servicios que ofrece a los Estados Miembros"]},
        "Confirmar que la estrategia se aplica en el marco de la Constitución",
        "Invitar al Director General a informar en su próxima reunión sobre el plan de aplicación",
        "Examinar la estrategia dentro de cuatro años",
    ],
    "annexes": [{"title": "Documento de estrategia",
                 "text": "## Parte I: Fines\n\nLa Organización favorece una movilidad ordenada y humana.\n\n"
                         "1. Ofrecer servicios fiables.\n2. Asesorar a los Estados que lo soliciten."}],
}

TRANSLATIONS = {"fr": FRENCH, "es": SPANISH}

# documents.md, "Language versions": the table, row by row.
TABLE = {
    "original line": {"en": "Original: English", "fr": "Original : anglais", "es": "Original: inglés"},
    "date": {"en": "9 November 2007", "fr": "9 novembre 2007", "es": "9 de noviembre de 2007"},
    "session heading": {"en": "NINETY-FOURTH SESSION", "fr": "QUATRE-VINGT-QUATORZIÈME SESSION",
                        "es": "NONAGÉSIMA CUARTA REUNIÓN"},
    "meeting": {"en": "481st meeting", "fr": "481e séance", "es": "481ª sesión"},
    "designation": {"en": "Resolution No. 1150 (XCIII)", "fr": "Résolution n° 1150 (XCIII)",
                    "es": "Resolución N° 1150 (XCIII)"},
    "adoption line": {"en": "(Adopted by the Council at its 481st meeting on 7 June 2007)",
                      "fr": "(Adoptée par le Conseil à sa 481e séance, le 7 juin 2007)",
                      "es": "(Aprobada por el Consejo en su 481ª sesión, celebrada el 7 de junio de 2007)"},
}
OPENING = {"en": "The Council,", "fr": "Le Conseil,", "es": "El Consejo,"}
FORMULA = {"en": "Resolves:", "fr": "Décide :", "es": "Resuelve:"}

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def reopen(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def paragraphs(data: bytes) -> list[tuple[str, str]]:
    """(style, text) of every paragraph of the body."""
    return [(p.style.name, p.text) for p in reopen(data).paragraphs]


def numbering(data: bytes) -> list[tuple[str, int]]:
    """How the file numbers its paragraphs: (style, list level) of every paragraph in a Word list,
    each list's first paragraph marked by its style and level 0 starting it again."""
    found = []
    for p in reopen(data).paragraphs:
        num = p._p.find(f"{_W}pPr/{_W}numPr")
        if num is not None:
            level = num.find(f"{_W}ilvl")
            found.append((p.style.name, int(level.get(f"{_W}val")) if level is not None else 0))
    return found


def numbered_ids(data: bytes, style: str) -> list[str]:
    """The Word list ids of the paragraphs of `style`: one id means one list numbered 1, 2, 3."""
    return [p._p.find(f"{_W}pPr/{_W}numPr/{_W}numId").get(f"{_W}val") for p in reopen(data).paragraphs
            if p.style.name == style and p._p.find(f"{_W}pPr/{_W}numPr") is not None]
