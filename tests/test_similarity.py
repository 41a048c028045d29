"""Word-level likeness of phrasings, shared by checks, lint and extraction."""

from __future__ import annotations

from letterforge.checks.similarity import closest, score, similar_pairs, word_edits, word_spans, words


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


def test_word_spans_point_into_the_text():
    text = "The force’s front-line officers."
    assert [(w, text[a:b]) for w, a, b in word_spans(text)] == [
        ("the", "The"), ("force’s", "force’s"), ("front-line", "front-line"), ("officers", "officers")]


def test_similar_pairs_finds_every_close_pair_in_order():
    texts = [("a", "the force has a plan"), ("b", "Officers were trained."), ("c", "The force has a plan."),
             ("d", "the force has no plan")]
    assert [(x, y, round(s)) for x, y, s in similar_pairs(texts, 90)] == [("a", "c", 100), ("a", "d", 93), ("c", "d", 93)]
    assert similar_pairs(texts[:1], 0) == [] and similar_pairs([], 90) == []
