"""The pure decision of govfeeds/copies.py: shingles, template lines, similarity, the original."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from govfeeds import copies

BODY = "\n".join([
    "PRESS STATEMENT",
    "OFFICE OF THE SPOKESPERSON",
    "The United States congratulates the people of Kazakhstan on the peaceful conclusion of the parliamentary elections.",
    "We note the preliminary findings of the OSCE observation mission and encourage continued reform of the electoral law.",
    "The United States remains committed to a strong partnership with a sovereign and independent Kazakhstan.",
])
HEADER, FOOTER = "The U.S. Embassy republishes this statement.", "Originally published at www.state.gov on March 3, 2024."
ADDED = "Ambassador Rosenblum met the observers in Astana on March 4 to discuss their findings."


def core(text: str, template: set[int] = frozenset()) -> frozenset[int]:
    return copies.fingerprint(text).core(template)


def test_header_footer_and_an_added_sentence_leave_a_copy() -> None:
    repost = "\n".join([HEADER, *BODY.splitlines()[:3], ADDED, *BODY.splitlines()[3:], FOOTER])
    score = copies.similarity(core(BODY), core(repost))
    assert copies.is_copy(score) and score == 1.0  # everything the original says is in the repost


def test_an_edited_sentence_lowers_similarity_a_little() -> None:
    edited = BODY.replace("continued reform of the electoral law", "the government to continue electoral reform")
    score = copies.similarity(core(BODY), core(edited))
    assert 0.8 <= score < 1.0


def test_unrelated_statements_are_no_copies() -> None:
    other = "\n".join(["PRESS STATEMENT", "OFFICE OF THE SPOKESPERSON",
                       "The United States announces two million dollars in flood assistance for northern Kazakhstan.",
                       "Aid includes clean water, hygiene kits and temporary shelter for families who lost their homes."])
    assert copies.similarity(core(BODY), core(other)) < 0.2


def test_case_punctuation_and_blank_lines_do_not_matter() -> None:
    noisy = "\n\n".join(line.upper().replace(" ", "  ") + " !" for line in BODY.splitlines())
    assert copies.fingerprint(noisy) == copies.fingerprint(BODY)


def test_template_lines_are_left_out_of_the_core_and_digits_do_not_tell_them_apart() -> None:
    first = "Security Alert (May 3, 2024)\nEvent: demonstrations about fuel prices on Republic Square in Almaty\nAvoid the area and monitor local media."
    second = "Security Alert (June 7, 2024)\nEvent: the marathon closes central streets of Astana on Sunday morning\nAvoid the area and monitor local media."
    a, b = copies.fingerprint(first), copies.fingerprint(second)
    shared = a.line_keys & b.line_keys
    assert len(shared) == 2  # the heading (its date masked) and the advice line
    assert a.core(shared) == frozenset(copies.fingerprint(first.splitlines()[1]).shingles)


def test_template_built_alerts_differ_once_their_template_is_discounted() -> None:
    blocks = ["Actions to Take:", "Avoid the area of the demonstrations and any large crowds.", "Monitor local media for updates.",
              "Keep a low profile and be aware of your surroundings.", "Assistance:", "U.S. Embassy Astana, +7 7172 70 21 00, KazakhstanACS@state.gov",
              "Enroll in the Smart Traveler Enrollment Program to receive security updates and make it easier to locate you."]
    first = "\n".join(["Location: Almaty", "Event: demonstrations about fuel prices are planned near the Akimat on Republic Square.", *blocks])
    second = "\n".join(["Location: Astana", "Event: the city marathon closes central streets between six and two on Sunday.", *blocks])
    a, b = copies.fingerprint(first), copies.fingerprint(second)
    template = a.line_keys & b.line_keys
    assert copies.similarity(a.core(), b.core()) > 0.6  # word for word mostly the same...
    assert copies.similarity(a.core(template), b.core(template)) == 0.0  # ...but what each says is different (and too short to judge)


def test_a_short_notice_inside_a_long_statement_is_no_copy() -> None:
    notice = BODY.splitlines()[2]
    long = "\n".join([BODY, *(f"Paragraph {n} of a long speech about trade, energy, education and the environment in Central Asia." for n in range(20))])
    assert copies.similarity(core(notice + "\n" + BODY.splitlines()[3]), core(long)) == 0.0


def test_band_keys_are_stable_shared_by_near_copies_and_absent_for_tiny_texts() -> None:
    repost = "\n".join([HEADER, BODY, FOOTER])
    keys = copies.band_keys(copies.fingerprint(BODY).shingles)
    assert len(keys) == copies.BANDS and keys == copies.band_keys(copies.fingerprint(BODY).shingles)
    assert all(-(2**63) <= key < 2**63 for key in keys)
    assert set(keys) & set(copies.band_keys(copies.fingerprint(repost).shingles))
    assert copies.band_keys(copies.fingerprint("Short notice.").shingles) == []


T0 = datetime(2024, 3, 3, 9, tzinfo=UTC)


def held(sid: str, site: str, day: int, text: str = BODY, seen: int = 0) -> copies.Held:
    return copies.Held(sid, site, T0 + timedelta(days=day), T0 + timedelta(days=day, hours=seen), core(text))


def test_the_earliest_published_is_the_original_and_chains_collapse() -> None:
    ministry, embassy, consulate = held("m", "state.gov", 0), held("e", "kz", 1), held("c", "uz", 2)
    everyone = {h.statement_id: h for h in (ministry, embassy, consulate)}
    found = {h.statement_id: copies.matches(h, everyone.values()) for h in everyone.values()}
    assert found["e"] == {"m": 1.0, "c": 1.0}
    for order in ([ministry, embassy, consulate], [consulate, embassy, ministry]):
        assert copies.originals(order, found, everyone, {}) == {"m": (None, None), "e": ("m", 1.0), "c": ("m", 1.0)}
    # the consulate matches only the embassy's repost: it still points at the ministry's original
    only = {"m": {"e": 1.0}, "e": {"m": 1.0, "c": 1.0}, "c": {"e": 1.0}}
    assert copies.originals(everyone.values(), only, everyone, {})["c"] == ("m", 1.0)


def test_ties_go_to_the_first_seen_and_a_statement_outside_the_subjects_keeps_its_stored_original() -> None:
    early, late = held("b", "kz", 0, seen=1), held("a", "uz", 0, seen=2)
    both = {"a": early, "b": late} | {early.statement_id: early, late.statement_id: late}
    found = {"a": {"b": 1.0}, "b": {"a": 1.0}}
    assert copies.originals([late, early], found, both, {}) == {"b": (None, None), "a": ("b", 1.0)}
    assert copies.originals([late], found, both, {"b": "root"}) == {"a": ("root", 1.0)}


def test_statements_of_one_site_are_never_copies_of_each_other() -> None:
    assert copies.matches(held("a", "kz", 0), [held("b", "kz", 1)]) == {}


def test_minhash_is_datasketchs_affine32_bit_for_bit() -> None:
    """The band keys stored in every database were made with datasketch's MinHash: the values must not move."""
    import random

    from datasketch import MinHash

    rng = random.Random(16)
    for size in (1, 8, 40, 1000):
        shingles = [rng.getrandbits(32) for _ in range(size)] + [0, 2**32 - 1]
        theirs = MinHash(num_perm=copies.NUM_PERM, seed=copies.SEED, scheme=copies.SCHEME, hashfunc=lambda value: value)
        theirs.update_batch(shingles)
        mine = copies.minhash(shingles)
        assert mine.dtype == theirs.hashvalues.dtype and mine.tolist() == theirs.hashvalues.tolist()


def test_copy_detection_does_not_load_scipy() -> None:
    """Importing datasketch loads scipy.integrate: ~40 MB of the RSS of every process that loads (bench/memory_growth.py)."""
    import subprocess
    import sys

    probe = "import sys, govfeeds.copies, govfeeds.store.copies; print(sorted({m.split('.')[0] for m in sys.modules} & {'scipy', 'datasketch'}))"
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip() == "[]"
