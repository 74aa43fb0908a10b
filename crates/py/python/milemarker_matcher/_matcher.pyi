from typing import List, Optional, Tuple, TypedDict

class SkillClass(TypedDict):
    id: str
    label: str

# "class" is a keyword, so the functional form. `id`: an ESCO skill URI or an `onet:` code, None
# for a phrase no taxonomy skill names; `start`, `end`: character offsets; `kind`: "concept" or
# "phrase"; `class`: for an O*NET product, the commodity class it rolls up to.
Hit = TypedDict(
    "Hit",
    {
        "id": Optional[str],
        "label": Optional[str],
        "start": int,
        "end": int,
        "matched": str,
        "kind": str,
        "class": SkillClass,
    },
    total=False,
)

def extract(text: str) -> List[Hit]:
    """The skills in `text`, in order."""

def extract_batch(texts: List[str]) -> List[List[Hit]]:
    """`extract` over many texts, in parallel, without holding the GIL."""

def skill_ids(texts: List[str]) -> List[List[str]]:
    """Per text, the skill ids `milemarker postings import` stores: each once, products' classes too."""

def skills(texts: List[str]) -> List[List[Tuple[str, str]]]:
    """`skill_ids` with each skill's preferred label: per text, (id, label) pairs."""

def contains_words(text: str, phrase: str) -> bool:
    """Whether `phrase`'s words appear in order among `text`'s, as `market demand --title` matches titles."""

def occupation_of(titles: List[str]) -> List[Optional[Tuple[str, str]]]:
    """Per posting title, the best-fitting O*NET occupation as (O*NET-SOC code, title); None when no title word fits."""

def occupation(text: str) -> Optional[Tuple[str, str]]:
    """The occupation a code or job-title words name, as `--occupation` resolves them; None when none;
    ValueError listing the candidates when several fit."""

__version__: str
TAXONOMY: str
CREDITS: str
