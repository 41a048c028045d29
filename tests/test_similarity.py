"""Word-level likeness of phrasings, shared by checks, lint and extraction."""

from __future__ import annotations

from letterforge.similarity import closest, score, word_edits, words


def test_words_keep_hyphenated_and_curly_apostrophes_whole():
    assert words("The force’s front-line officers, (such as PCSOs).") == [
        "the", "force’s", "front-line", "officers", "such", "as", "pcsos"]


def test_word_edits_count_words_not_letters():
    assert word_edits("the force has a clear plan", "the force has a clear plan") == 0
    assert word_edits("the force has a clear plan", "the force has no clear plan") == 1
    assert word_edits("the force has a clear plan", "the force has a plan in place") == 3


def test_score_ignores_case_and_punctuation_only():
    assert score("The force, has a plan.", "the force has a plan") == 100
    assert score("The force has a plan", "Officers booked on duty") < 50


def test_closest_names_the_best_candidate_with_its_edits():
    match = closest("the force has no plan", [("a", "officers were trained"), ("b", "the force has a plan")])
    assert (match.key, match.edits) == ("b", 1) and 80 < match.score < 100
    assert closest("anything", []) is None
