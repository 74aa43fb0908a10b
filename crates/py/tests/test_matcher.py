"""The Python package returns what the CLI returns on the same text (issue 22 item 1).

Run with `scripts/py-wheel --test` (builds the wheel and the CLI first); MILEMARKER names the CLI
binary. Standard library only.
"""

import json
import os
import subprocess
import unittest
from pathlib import Path

import milemarker_matcher as mm

ROOT = Path(__file__).resolve().parents[3]
CLI = os.environ.get("MILEMARKER", str(ROOT / "target" / "release" / "milemarker"))

TEXTS = [
    "Senior Backend Engineer: Java 17, Spring Boot, AWS and Kubernetes (K8s); CI/CD with Jenkins.",
    "Strong presentation skills, budgeting and forecasting in Excel and Power BI.",
    # Non-ASCII before the hits: character offsets differ from the CLI's byte offsets.
    "Développeur·se — Python, SQL et Docker; café offert ☕. Experience with Terraform.",
    "We are an equal opportunity employer. All qualified applicants will receive consideration "
    "without regard to race, color, religion, sex, pregnancy, childbirth or national origin.",
    "Registered Nurse: patient care, wound care, administer medications, Epic EHR.",
    "",
]


def cli(text):
    run = subprocess.run([CLI, "skills", "extract", "--json", "-"], input=text.encode(),
                         capture_output=True, check=True)
    hits = json.loads(run.stdout)
    data = text.encode()
    for h in hits:
        h["start"] = len(data[: h["start"]].decode())
        h["end"] = len(data[: h["end"]].decode())
        h["kind"] = "concept" if h["id"] is not None else "phrase"
    return hits


class SameAsTheCli(unittest.TestCase):
    def test_extract_returns_the_clis_hits_with_character_offsets(self):
        for text in TEXTS:
            with self.subTest(text=text[:40]):
                got = mm.extract(text)
                self.assertEqual(got, cli(text))
                for h in got:
                    self.assertEqual(text[h["start"]:h["end"]], h["matched"])

    def test_a_batch_is_each_text_on_its_own(self):
        self.assertEqual(mm.extract_batch(TEXTS), [mm.extract(t) for t in TEXTS])

    def test_skill_ids_are_what_an_import_stores(self):
        ids = mm.skill_ids(TEXTS)
        self.assertEqual(len(ids), len(TEXTS))
        excel = ids[1]
        # A product and its class, each once: an import counts the class for a claimed class.
        self.assertIn("onet:43232110/microsoft-excel", excel)
        self.assertIn("onet:43232110", excel)
        self.assertEqual(len(excel), len(set(excel)))
        # Boilerplate names no demand.
        self.assertEqual(ids[3], [])
        self.assertEqual(ids[5], [])

    def test_skills_are_the_ids_with_their_labels(self):
        pairs = mm.skills(TEXTS)
        self.assertEqual([[i for i, _ in p] for p in pairs], mm.skill_ids(TEXTS))
        self.assertIn(("onet:43232110/microsoft-excel", "Microsoft Excel"), pairs[1])

    def test_the_package_says_what_it_holds(self):
        self.assertIn("O*NET 29.3", mm.TAXONOMY)
        self.assertIn("CC BY 4.0", mm.CREDITS)
        self.assertTrue(mm.__version__)


def searched(title):
    """The first occupation `milemarker market occupations --search` gives for `title`."""
    run = subprocess.run([CLI, "market", "occupations", "--search", title, "--json", "--limit", "1"],
                         capture_output=True, check=True, text=True)
    found = json.loads(run.stdout)
    return (found[0]["code"], found[0]["title"]) if found else None


class Occupations(unittest.TestCase):
    # Known answers, checked against the Rust function (`market occupations --search`).
    def test_a_posting_title_gets_the_occupation_that_fits_it_best(self):
        self.assertEqual(mm.occupation_of(["Senior Software Engineer", "Registered Nurse", "Zzzq", ""]),
                         [("15-1252.00", "Software Developers"), ("29-1141.00", "Registered Nurses"), None, None])

    def test_the_best_fit_is_the_first_the_cli_finds(self):
        titles = ["Web Content Writer", "Public Relations Manager (PR Manager)", "Sales Supervisor",
                  "Clinical Data Manager", "Développeur·se Python", "Poet"]
        self.assertEqual(mm.occupation_of(titles), [searched(t) for t in titles])

    def test_a_persons_words_or_code_name_one_occupation(self):
        self.assertEqual(mm.occupation("15-1252.00"), ("15-1252.00", "Software Developers"))
        self.assertEqual(mm.occupation(" registered nurse "), ("29-1141.00", "Registered Nurses"))
        self.assertEqual(mm.occupation("Marketing Managers"), ("11-2021.00", "Marketing Managers"))
        self.assertIsNone(mm.occupation("zzzz"))
        # The shape of a code, but no O*NET occupation has it.
        self.assertIsNone(mm.occupation("99-9999.99"))

    def test_several_that_fit_are_named_with_their_codes(self):
        # Two occupations list "Software Project Manager" among their alternate titles.
        with self.assertRaises(ValueError) as raised:
            mm.occupation("software project manager")
        message = str(raised.exception)
        for code in ("11-3021.00", "15-1299.09"):
            self.assertIn(code, message)
        self.assertIn("give its code or more words", message)


if __name__ == "__main__":
    unittest.main()
