"""milemarker's skill matcher: ESCO and O*NET skills, tools and products in job-posting text.

    >>> import milemarker_matcher as mm
    >>> [h["label"] for h in mm.extract("Python, SQL and Microsoft Excel")]
    ['Python', 'SQL', 'Microsoft Excel']

The same matcher as `milemarker skills extract` (offsets here count characters, not bytes).
"""

from ._matcher import (
    CREDITS,
    TAXONOMY,
    __version__,
    contains_words,
    extract,
    extract_batch,
    occupation,
    occupation_of,
    skill_ids,
    skills,
)

__all__ = [
    "extract", "extract_batch", "skill_ids", "skills", "contains_words", "occupation_of", "occupation",
    "TAXONOMY", "CREDITS", "__version__",
]
