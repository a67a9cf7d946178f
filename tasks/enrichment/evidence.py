"""Evidence that a bare capitalised phrase names a person.

The people rules (``people.py``) find candidates; a candidate that has a title head before or
after it, an honorific, an appositive title, a name line with a title line under it, or a
kinship word ("my wife Wendy") is supported by the document's structure. A *bare* candidate -
two to four capitalised words and nothing else - is kept only with one of these:

* **given-name lexicon**: its first word is a given name of the U.S. Census 1990 list
  (``lexicons/``);
* **surname morphology**: its last word has a family-name ending that common nouns do not have
  (-ov/-ova, -enko, -shvili, -adze, -oğlu, -vich, -ić ...);
* **the sentence**: a speech verb right after or before it ("Lena Ortiz said", "said Lena
  Ortiz"), a person noun right before it ("the poet X", "Blogger X"), what is done only to
  people ("the funeral of X", "forces killed X", "police detained X"), a briefing's "the next
  question goes to X of <outlet>", an appositive that describes a person (", a teacher from ...", ", who"),
  or a press contact line (an e-mail address or telephone number on the line);
* **another mention** of the same person that has any support (merged in ``people._merge``), or a
  supported person it is listed with ("Dr. Lai and X", "X and Peter Obi", "of X, of Peter Obi").

Festivals, landmarks, districts, time zones, media outlets, diseases, insurance and currency
phrases and generic plural nouns have none of these, so they drop out without a list of them.
Non-Latin scripts are not gated (the lexicons are Latin-script).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

import regex as re

_DATA = Path(__file__).resolve().parent / "lexicons"

#: Given names that are also the Arabic article or a particle in organisation names ("Al Jazeera",
#: "Al Shabaab"), never enough alone.
_AMBIGUOUS_GIVEN = frozenset({"AL", "EL", "LA", "LE", "SAN", "SANTA", "DEL", "VAN", "VON", "DE", "DI", "DA"})


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    words = (_DATA / "census1990_given_names.txt").read_text(encoding="ascii").split()
    return frozenset(words) - _AMBIGUOUS_GIVEN


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    return frozenset((_DATA / "census1990_surnames.txt").read_text(encoding="ascii").split())


def _key(word: str) -> str:
    """The lexicons' spelling of a word: upper case, ASCII letters ("Nicolás", "Thérèse" are listed as NICOLAS, THERESE)."""
    folded = unicodedata.normalize("NFKD", word.replace("’", "'"))
    return "".join(char for char in folded if not unicodedata.combining(char)).upper()


def is_given_name(word: str) -> bool:
    return _key(word) in given_names() or any(_key(p) in given_names() for p in word.split("-") if len(word.split("-")) == 2)


def is_surname(word: str) -> bool:
    return _key(word) in surnames()


_SURNAME_ENDING = re.compile(
    r"(?:\p{L}{2,}(?:ov|ova|ev|eva|yev|yeva|ovich|evich|ovna|evna|enko|shvili|adze|idze|oğlu|oglu|zadeh|"
    r"vich|vić|vic|ić|ski|ska|sky|skyi|skiy|skaya|skaja|tskaya|ckaya|uly|kyzy|yan|escu|opoulos|poulos|akis|dottir|sson))$"
)


def has_surname_ending(word: str) -> bool:
    return bool(_SURNAME_ENDING.search(word)) and not word.endswith(("ian", "Ian"))


_LATIN = re.compile(r"^[\p{Latin}'’.\-]+$")

_SPEECH_AFTER = re.compile(
    r"^(?:['’]s\s+(?:wife|husband|family|son|daughter|mother|father)\b|\s*,?\s*(?:who|whose)\b|"
    r"\s*,?\s*(?:said|says|told|added|noted|stated|explained|wrote|asked|remarked|stressed|emphasi[sz]ed|urged|"
    r"commented|recalled|replied|answered|observed|declared)\b|"
    r"\s*,\s+(?:a|an)\s+\p{Ll}[\p{Ll}-]+(?:\s+\p{Ll}[\p{Ll}-]+)*\s+(?:from|of|in|at|with|for|who)\b|"
    # ", former ...", ", ancienne Première ministre", ", ex-ministro", ", un agricultor de ...", ", qui/que/quien"
    r"\s*,\s+(?:former|ancien(?:ne)?|ex-?\p{L}+|antig[uo]a?|un|une|una|um|uma)\s+\p{L}|\s*,\s+(?:qui|quien|que|quem|который|которая)\b|"
    r"\s*,\s+(?:\d{1,3})\s*,)"
)
_SPEECH_BEFORE = re.compile(
    r"(?:\b(?:said|says|added|wrote|asked|stated|according\s+to|quoting)\s*,?\s*|"
    r"\b(?:contacts?|media contacts?|press contacts?|point of contact)\s*:\s*)$",
    re.IGNORECASE,
)
#: A briefing's moderator gives the floor to a reporter, named with their outlet.
_FLOOR_GIVEN = re.compile(r"\bquestions?\s+(?:goes|go|will\s+go)\s+to\s+$", re.IGNORECASE)
_OF_OUTLET = re.compile(r"\s+of\s+\p{Lu}")
#: What only happens to a person: "the killing of X", "the funeral of X", "forces killed X", "police
#: arrested X", "hostages ..., among them X".
#: Weaker than a speech verb (one speaks of "the death of" an industry too), so the words must not
#: have the endings of derived common nouns ("Print Journalism", "Crisis Management").
_PERSON_FATE_BEFORE = re.compile(
    r"(?:\b(?:death|killing|murder|assassination|funeral|execution|abduction|kidnapping|widow|widower|memory)\s+of\s+|"
    r"\b(?:killed|murdered|assassinated|executed|arrested|detained|abducted|kidnapped|jailed|imprisoned|sentenced)\s+|"
    r"\bamong\s+them\s*,?\s*)$",
    re.IGNORECASE,
)
_COMMON_NOUN_ENDING = re.compile(r"\p{L}{3,}(?:ism|tion|sion|ment|ity|ness|ance|ence|ship|ology|ics|ure|ery)$")
#: Nouns that denote a person by occupation or role: right before a name they say a person follows
#: ("the jailed scholar X", "Blogger X", "a film by director X").
PERSON_NOUNS = frozenset(
    """journalist journalists reporter reporters correspondent activist activists lawyer lawyers attorney blogger
    bloggers dissident dissidents scholar scholars professor economist writer writers author poet artist artists
    singer musician athlete athletes student students teacher teachers doctor doctors nurse farmer farmers pastor
    priest monk nun imam laureate laureates candidate candidates opponent politician politicians lawmaker
    lawmakers legislator businessman businesswoman entrepreneur entrepreneurs filmmaker photographer volunteer
    volunteers researcher researchers scientist scientists engineer soldier soldiers veteran veterans survivor
    survivors victim victims prisoner prisoners detainee detainees hostage hostages defender defenders founder
    co-founder chef alumnus alumna alumni fellow fellows grantee grantees expert experts analyst advocate
    advocates leader leaders citizen citizens national resident residents actor actress director producer
    designer architect historian novelist playwright composer coach player players champion runner climber
    diplomat diplomats officer officers official officials
    journaliste periodista jornalista militante activista agricultor agricultora chercheur chercheuse investigador
    investigadora pesquisador pesquisadora étudiant étudiante estudiante estudante professeur professeure profesor
    profesora professor professora écrivain escritor escritora artiste artista avocat avocate abogado abogada
    advogado advogada médecin médico médica docteur doctora candidato candidata candidat""".split()
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“]\s*)$")
#: "son of" / "daughter of" inside Malay and Arabic names.
_PATRONYMIC = frozenset(("bin", "binti", "bint", "ibn"))
#: The Arabic article written before a surname with a hyphen: "al-Assad", "el-Sisi", "ash-Sharaa".
ARABIC_ARTICLE = re.compile(r"^(?:[Aa]l|[Ee]l|ad|as|ash|at|az)-(?=\p{Lu})")
_ROLE_BEFORE = re.compile(r"(?:^|[^\p{L}])(\p{L}[\p{L}-]+)\s+$")
_CONTACT_LINE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|\b(?:tel|phone|mobile)\b\.?\s*:?\s*\+?\d", re.IGNORECASE)


_CYRILLIC = re.compile(r"^[\p{Cyrillic}'’.\-]+$")
#: Russian, Ukrainian, Belarusian and Caucasian family names and patronymics, in any case ending
#: ("Иванов", "Ивановой", "Петренко", "Бериашвили", "Сергеевич", "Лавровым", "Шевчук").
_CYR_SURNAME = re.compile(
    r"(?:ов|ев|ёв|ин|ын)(?:а|у|ым|ой|е|ых)?$|(?:ск|цк)(?:ий|ая|ого|ой|ому|им|ую)$|енко$|(?:ук|юк|чук)(?:а|у|ом)?$|"
    r"(?:ович|евич|овна|евна|ична|инична)(?:а|у|ем|ем|ой|е)?$|(?:ян|янц)(?:а|у|ом)?$|(?:швили|дзе|ули)$|"
    r"(?:ич|вич)(?:а|у|ем)?$|(?:ко|ба|ха)$"
)
_CYR_SPEECH = re.compile(
    r"^\s*,?\s*(?:заявил\w*|сказал\w*|отметил\w*|подчеркнул\w*|сообщил\w*|добавил\w*|пояснил\w*|"
    r"который|которая|родил\w*)\b"
)
_TRANSLIT = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y",
    "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
})


def _cyrillic_supported(words: list[str], line: str, start: int, end: int) -> bool:
    """A bare Cyrillic run is a person when its last word is a family name or patronymic by its
    ending, its first word transliterates to a Census given name, or a speech verb follows it.
    Institutions, holidays, places and agreements ("Днем Независимости", "Большом Театре",
    "Парижское Соглашение") have none of these."""
    if len(words) >= 2 and any(_CYR_SURNAME.search(w.lower()) for w in words[1:]):
        return True
    first = words[0].lower().translate(_TRANSLIT)
    # Russian spellings of English given names: "Пол" Paul, "Дэниел" Daniel, "Алекс" Alex
    variants = {first, first.replace("ks", "x"), first.replace("o", "au", 1), first.replace("e", "a", 1), first.replace("y", "i")}
    if len(words) >= 2 and any(is_given_name(v) for v in variants if len(v) >= 3):
        return True
    return bool(_CYR_SPEECH.match(line[end : end + 40]))


_MIDDLE_INITIAL = re.compile(r"\p{Lu}\.")


def bare_name_supported(
    words: list[str], line: str, start: int, end: int, lowercase_words: set[str], famous: frozenset[str],
    in_phrase: bool = False,
) -> bool:
    """Whether the bare candidate ``words`` (at ``line[start:end]``) has evidence of being a person.

    ``in_phrase``: the run goes on a longer Title-Case phrase of common words ("Emergency Grant
    Aid", "National Disaster Management Authority"), so a given name first proves nothing there.
    """
    if not all(_LATIN.match(w) for w in words):
        if all(_CYRILLIC.match(w) for w in words):
            return _cyrillic_supported(words, line, start, end)
        return True  # Greek, Georgian, ...: no lexicon to ask
    if any(w in famous or ARABIC_ARTICLE.sub("", w) in famous for w in words):
        return True  # "Putin", also with the Arabic article: "Bashar al-Assad"
    first, last = words[0], words[-1]
    if is_given_name(first) and not in_phrase and not _COMMON_NOUN_ENDING.search(last.lower()):
        return True  # not "Junior Achievement": a surname does not end like a derived common noun
    if has_surname_ending(last):
        return True
    if len(words) >= 3 and any(_MIDDLE_INITIAL.fullmatch(w) or w in _PATRONYMIC for w in words[1:-1]):
        return True  # "Orvel K. Tubbs", "Sadia Noor binti Karim": a middle initial or "son/daughter of" is in personal names only
    if _SPEECH_AFTER.match(line[end : end + 80]) or _SPEECH_BEFORE.search(line[max(0, start - 40) : start]):
        return True
    if _FLOOR_GIVEN.search(line[max(0, start - 40) : start]) and _OF_OUTLET.match(line, end):
        return True  # a briefing's "the next question goes to X of Reuters" (not "goes to Al Jazeera")
    if _PERSON_FATE_BEFORE.search(line[max(0, start - 40) : start]) and not any(
        _COMMON_NOUN_ENDING.search(w.lower()) for w in words
    ):
        return True
    role = _ROLE_BEFORE.search(line[max(0, start - 30) : start])
    # a person noun is written in lower case ("the poet X"), or opens the sentence ("Blogger X");
    # a capitalised one inside a sentence belongs to a name ("the National Disaster ... Authority")
    if role and role.group(1).lower() in PERSON_NOUNS and (
        role.group(1)[:1].islower() or _SENTENCE_START.search(line[: start - len(role.group(0)) + 1])
    ):
        return True
    return bool(_CONTACT_LINE.search(line))


__all__ = ["ARABIC_ARTICLE", "PERSON_NOUNS", "bare_name_supported", "given_names", "has_surname_ending", "is_given_name", "is_surname", "surnames"]
