"""The inventory format: the columns staff fill in, as documented in docs/inventory.md.

In: nothing (definitions). Out: the `Column` vocabulary with, for each column,
the header staff see, the other headers accepted for it, whether it is
required, and the help text and example used by the template and messages.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from wicguide.text import fold

SHEET_NAME = "Initiatives"
"""The sheet read when present; otherwise the first sheet with a header."""


class Column(enum.Enum):
    """One column of the inventory; the value is the documented header."""

    ID = "Identifiant"
    NAME = "Nom"
    DESCRIPTION = "Description"
    NEEDS = "Besoins"
    KIND = "Type"
    MODES = "Modes d'action"
    ADDRESS = "Adresse"
    POSTCODE = "Code postal"
    COMMUNE = "Commune"
    PHONE = "Téléphone"
    EMAIL = "Courriel"
    WEBSITE = "Site internet"
    HOURS = "Horaires"
    AUDIENCE = "Public"
    CONDITIONS = "Conditions"
    LISTING = "Fiche web"
    CHECKED_ON = "Mis à jour le"
    PUBLISH = "À publier"
    SOURCE = "Source"

    @property
    def header(self) -> str:
        return self.value

    @property
    def spec(self) -> ColumnSpec:
        return SPECS[self]


@dataclass(frozen=True)
class ColumnSpec:
    """What staff need to know about a column: aliases, rule, help and example."""

    required: bool
    aliases: tuple[str, ...]
    help: str
    example: str


SPECS: dict[Column, ColumnSpec] = {
    Column.ID: ColumnSpec(
        False, ("id", "identifiant wic", "code", "ref", "reference"),
        "Identifiant stable de l'initiative (WIC-0042). S'il manque, "
        "il est calculé à partir du nom et de la commune.", "WIC-0042"),
    Column.NAME: ColumnSpec(
        True, ("nom de l'initiative", "initiative", "intitule"),
        "Nom de l'initiative, tel qu'il sera imprimé.", "Café des bricoleurs"),
    Column.DESCRIPTION: ColumnSpec(
        True, ("descriptif", "presentation"),
        "Ce que l'initiative propose, en phrases simples (600 caractères au plus).",
        "Des bénévoles aident à réparer petit électroménager, vélos et objets."),
    Column.NEEDS: ColumnSpec(
        True, ("besoin", "themes", "theme", "rubrique", "rubriques"),
        "Un ou plusieurs besoins parmi la liste, séparés par « ; ».",
        "S'équiper ; Se divertir"),
    Column.KIND: ColumnSpec(
        False, ("type d'initiative", "nature"),
        "Lieu, Initiative ou Site internet.", "Lieu"),
    Column.MODES: ColumnSpec(
        False, ("modes", "mode d'action", "modes d action", "mode"),
        "Comment on y participe : échange, prêt, don, location, vente, entraide, "
        "réemploi, mutualisation… séparés par « ; ».", "entraide ; réemploi"),
    Column.ADDRESS: ColumnSpec(
        False, ("adresse postale", "lieu"),
        "Numéro et rue, ou repère (« derrière la mairie »).",
        "31 avenue de la Commune-de-Paris"),
    Column.POSTCODE: ColumnSpec(
        False, ("cp", "code postal", "codepostal"),
        "Code postal à cinq chiffres.", "92000"),
    Column.COMMUNE: ColumnSpec(
        False, ("ville", "communes", "localite"),
        "Commune des Hauts-de-Seine. Vide = tout le département ou en ligne. "
        "Plusieurs communes séparées par « ; ».", "Nanterre"),
    Column.PHONE: ColumnSpec(
        False, ("tel", "telephone", "tel.", "numero de telephone"),
        "Numéro de téléphone, écrit comme on veut : il est remis en forme.",
        "01 46 08 33 83"),
    Column.EMAIL: ColumnSpec(
        False, ("email", "e-mail", "mail", "adresse electronique", "courriel"),
        "Adresse électronique de contact.", "contact@exemple.fr"),
    Column.WEBSITE: ColumnSpec(
        False, ("site", "site web", "url", "site internet"),
        "Adresse du site de l'initiative.", "https://exemple.fr"),
    Column.HOURS: ColumnSpec(
        False, ("horaire", "heures d'ouverture", "ouverture"),
        "Jours et heures d'ouverture, en texte libre (un retour à la ligne par jour).",
        "Samedi 10 h – 13 h"),
    Column.AUDIENCE: ColumnSpec(
        False, ("publics", "public vise", "pour qui"),
        "À qui s'adresse l'initiative.", "Tout public"),
    Column.CONDITIONS: ColumnSpec(
        False, ("condition", "conditions d'acces", "acces"),
        "Conditions d'accès : adhésion, orientation par un travailleur social…",
        "Adhésion annuelle de 5 €"),
    Column.LISTING: ColumnSpec(
        False, ("fiche", "lien fiche", "url fiche", "fiche wic"),
        "Adresse de la fiche de l'initiative sur le site du guide (pour le QR code).",
        "https://wic.hauts-de-seine.fr/initiatives/WIC-0042"),
    Column.CHECKED_ON: ColumnSpec(
        False, ("mise a jour", "mis a jour", "date de mise a jour", "verifie le",
                "date de verification", "maj"),
        "Date de la dernière vérification des informations (jj/mm/aaaa).",
        "15/10/2026"),
    Column.PUBLISH: ColumnSpec(
        False, ("publier", "a publier ?", "publication", "publie"),
        "Oui pour imprimer, Non pour garder la ligne hors du guide.", "Oui"),
    Column.SOURCE: ColumnSpec(
        False, ("sources", "source de l'information", "notes internes", "remarques"),
        "D'où vient l'information, pour l'équipe (jamais imprimé).",
        "Magazine municipal, octobre 2026"),
}


def _header_keys() -> dict[str, Column]:
    keys: dict[str, Column] = {}
    for column in Column:
        for name in (column.header, *column.spec.aliases):
            keys[fold(name)] = column
    return keys


HEADER_KEYS = _header_keys()


def match_header(text: str) -> Column | None:
    """Return the column a header names, ignoring case, accents, spacing and (notes)."""
    return HEADER_KEYS.get(fold(re.sub(r"\(.*?\)", " ", text)).rstrip(" :?*"))


REQUIRED = tuple(c for c in Column if c.spec.required)

MODES = ("échange", "prêt", "don", "location", "vente", "vente solidaire", "achat groupé",
         "circuit court", "entraide", "réemploi", "réparation", "mutualisation", "partage",
         "partage de savoirs", "troc", "anti-gaspillage", "insertion", "accompagnement",
         "hébergement solidaire", "finance solidaire")
"""The usual modes of action, offered in the template's drop-down list (others are allowed)."""

PUBLISH_VALUES = ("Oui", "Non")
"""The values of « À publier » offered in the template."""
