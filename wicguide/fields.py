"""Parsing one cell into a typed value: phones, URLs, e-mails, dates, postcodes, flags.

In: a cell value as read. Out: the normalised value, or `FieldError` whose
`why` and `fix` become a `Problem` in validation. Each parser is small and
knows nothing of rows or columns.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit, urlunsplit

from wicguide.text import cell_text, clean, fold

MAX_URL_LENGTH = 300
"""Longer URLs do not fit a QR code readable at the printed size."""


@dataclass
class FieldError(Exception):
    """A cell value that cannot be used: why, and how to fix it."""

    why: str
    fix: str


def parse_phone(value: object) -> str:
    """Return a French phone number in display form ("01 46 08 33 83")."""
    import phonenumbers  # deferred: start-up time

    text = clean(_text(value))
    if re.fullmatch(r"33[1-9]\d{8}", text):
        text = "+" + text  # an international number whose "+" a number cell dropped
    elif re.fullmatch(r"[1-9]\d{8}", text):
        text = "0" + text  # a number cell lost its leading zero
    try:
        number = phonenumbers.parse(text, "FR")
    except phonenumbers.NumberParseException:
        raise FieldError("numéro de téléphone illisible",
                         "Écrivez dix chiffres, par exemple 01 46 08 33 83") from None
    if not phonenumbers.is_valid_number(number):
        raise FieldError("numéro de téléphone invalide",
                         "Vérifiez le nombre de chiffres (10 en France, commençant par 0)")
    if number.country_code == 33:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def parse_url(value: object) -> str:
    """Return an http(s) URL to a public host, adding https:// when missing."""
    text = clean(_text(value)).replace(" ", "")
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", text) or text.lower().startswith("www."):
        text = "https://" + text
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
    except ValueError:  # "http://[x" and the like
        raise FieldError("adresse web illisible",
                         "Donnez l'adresse complète d'un site public, par exemple "
                         "https://exemple.fr") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise FieldError(f"adresse « {parts.scheme}: » refusée",
                         "Donnez une adresse web commençant par https://")
    if not _is_public_host(host):
        raise FieldError("adresse web sans nom de site public",
                         "Donnez l'adresse complète d'un site public, "
                         "par exemple https://exemple.fr")
    if len(text) > MAX_URL_LENGTH:
        raise FieldError(f"adresse web trop longue ({len(text)} caractères) pour un QR code",
                         f"Raccourcissez-la à {MAX_URL_LENGTH} caractères au plus")
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path,
                       parts.query, parts.fragment))


def _is_public_host(host: str) -> bool:
    """True for a global IP address or a DNS name ending in a real top-level domain.

    Never localhost, a .local name, or a number that a browser would read as an
    address ("127.1", "0x7f000001").
    """
    if not host or host == "localhost" or host.endswith((".localhost", ".local")):
        return False
    try:
        return ipaddress.ip_address(host.strip("[]")).is_global
    except ValueError:
        pass
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    return re.fullmatch(r"([a-z0-9-]+\.)+([a-z]{2,63}|xn--[a-z0-9-]+)", ascii_host) is not None


def parse_email(value: object) -> str:
    """Return an e-mail address, checked for the shape name@domain.tld."""
    text = clean(_text(value)).removeprefix("mailto:")
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-zA-Z]{2,}", text):
        raise FieldError("adresse électronique invalide",
                         "Écrivez-la sous la forme nom@domaine.fr")
    return text


def parse_date(value: object) -> date:
    """Return a date from a date cell or from text such as 15/10/2026."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = clean(_text(value))
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})", text)
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return date(year + 2000 if year < 100 else year, month, day)
        if iso:
            return date(*(int(g) for g in iso.groups()))
    except ValueError:
        pass
    raise FieldError("date illisible", "Écrivez la date sous la forme jj/mm/aaaa")


def parse_postcode(value: object) -> str:
    """Return a five-digit postcode, restoring a zero lost by a number cell."""
    text = clean(_text(value)).replace(" ", "")
    if isinstance(value, (int, float)) and len(text) == 4:
        text = "0" + text
    if not re.fullmatch(r"\d{5}", text):
        raise FieldError("code postal invalide", "Écrivez cinq chiffres, par exemple 92000")
    return text


YES = {"oui", "o", "yes", "y", "x", "1", "vrai", "true"}
NO = {"non", "n", "no", "0", "faux", "false"}


def parse_flag(value: object) -> bool:
    """Return True for Oui and its variants, False for Non and its variants."""
    if isinstance(value, bool):
        return value
    key = fold(_text(value))
    if key in YES:
        return True
    if key in NO:
        return False
    raise FieldError("valeur non reconnue", "Écrivez Oui ou Non")


def _text(value: object) -> str:
    return cell_text(value)  # type: ignore[arg-type]
