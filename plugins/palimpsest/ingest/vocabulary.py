"""UN drafting vocabulary: the words the ingest knows about how resolutions are written.

One place for every word list (opening phrases of clauses, words around numbers), so that a
reader or the structure builder never carries its own.
"""

from __future__ import annotations

# Words that continue an opening verb phrase: "Recognizing also", "Taking note with
# appreciation", "Noting with deep concern", "Bearing in mind", "Deeply concerned further".
VERB_MODIFIERS = {
    "also", "further", "furthermore", "again", "moreover", "once", "more", "strongly", "firmly",
    "fully", "deeply", "gravely", "seriously", "note", "with", "appreciation", "satisfaction",
    "concern", "deep", "grave", "serious", "interest", "regret", "alarm", "great", "profound",
    "concerned", "alarmed", "convinced", "aware", "mindful", "encouraged", "in", "mind",
    "upon", "calls", "on", "expressing", "takes", "taking", "bearing", "notes", "noting",
}
LEADING_ADVERBS = {"Also", "Further", "Again", "Once", "Strongly", "Deeply", "Firmly", "Furthermore", "Moreover",
                   "Urgently", "Gravely", "Seriously", "Fully", "Equally", "Similarly", "Likewise", "Repeatedly"}

# Words after which a spaced number is a real number, never a footnote call-out.
NUMBER_WORDS = {
    "a", "about", "after", "all", "almost", "and", "annex", "annexes", "approximately", "are",
    "around", "art", "article", "articles", "at", "before", "between", "by", "chap", "chapter",
    "decision", "decisions", "during", "each", "every", "first", "for", "from", "goal", "goals",
    "has", "have", "in", "is", "item", "its", "last", "least", "level", "nearly", "next", "no",
    "of", "on", "only", "or", "over", "page", "pages", "para", "paragraph", "paragraphs",
    "paras", "per", "phase", "principle", "principles", "protocol", "recommendation",
    "resolution", "resolutions", "rule", "rules", "sect", "section", "sections", "session",
    "since", "some", "step", "supplement", "target", "targets", "than", "the", "their", "these",
    "those", "to", "under", "until", "up", "vol", "volume", "was", "were", "with", "within",
}
# Words after which a number is a quantity, never a footnote call-out.
UNIT_WORDS = {
    "billion", "million", "thousand", "hundred", "per", "percent", "years", "year",
    "months", "month", "weeks", "days", "hours", "times", "countries", "people", "persons",
    "members", "states", "%",
}

# Number words after which a spaced number may still be a call-out where the order of the notes
# expects one ("its sixty-second session 13 and", "other relevant resolutions 13 on"): words that
# name a document, never a quantity or a range ("from 8 to 17" stays a number).
NOTE_AFTER_WORDS = {"session", "sessions", "resolutions", "decisions", "principles", "goals", "targets"}
