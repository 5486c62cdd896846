"""The demo's review round: the Board assigns both reviewers when a use case
goes into review; on the use cases still in review, one reviewer declares a
conflict, the Board asks one partner a question it answers and another one a
question still waiting, and the thread gets an internal and a shared comment."""

from functools import partial

from usecases.review import services as review

from .timeline import stamp

CONFLICT_REASON = "Ik adviseer de indiener in een ander traject."
QUESTION_ANSWERED = "Welke partner in Brainport levert de testomgeving, en vanaf wanneer?"
ANSWER = "Het High Tech Campus-lab, vanaf het tweede kwartaal; de afspraak is rond."
QUESTION_WAITING = "Kunt u de begroting per partner uitsplitsen?"
INTERNAL = "Sterke koppeling, maar de begroting is dun. @demo-beoordelaar-1, wat vind jij?"
SHARED = "Dank voor de aanvulling; we verwachten binnen twee weken een besluit."


class ReviewRound:
    def __init__(self, year):
        self.year = year
        self.in_review: list[tuple[str, int]] = []

    def into_review(self, title, day):
        """The Board assigns both reviewers on the day it takes the use case into review."""
        self.year.t.at(day, partial(self._assign, title))

    def still_in_review(self, title, last_day):
        self.in_review.append((title, last_day))

    def schedule(self):
        """After every use case is scheduled: the round's conversations."""
        cases = sorted(self.in_review, key=lambda pair: pair[1])
        if len(cases) < 3:
            return
        (answered, a_day), (waiting, w_day), (conflicted, c_day) = cases[:3]
        at = self.year.t.at
        at(min(c_day + 2, -1), partial(self._conflict, conflicted))
        at(min(a_day + 8, -3), partial(self._ask, answered, QUESTION_ANSWERED))
        at(min(a_day + 12, -2), partial(self._answer, answered))
        at(min(a_day + 13, -1), partial(self._comment, answered, "internal", INTERNAL))
        at(min(a_day + 14, -1), partial(self._comment, answered, "shared", SHARED))
        at(min(w_day + 9, -1), partial(self._ask, waiting, QUESTION_WAITING))

    def _assign(self, title, when):
        use_case = self.year.use_cases[title]
        for reviewer in self.year.reviewers:
            review.assign_reviewer(
                use_case=use_case, reviewer=reviewer, actor=self.year.board, when=when
            )

    def _conflict(self, title, when):
        review.declare_conflict(
            use_case=self.year.use_cases[title],
            reviewer=self.year.reviewers[1],
            reason=CONFLICT_REASON,
            when=when,
        )

    def _ask(self, title, text, when):
        use_case = self.year.use_cases[title]
        review.ask_question(use_case=use_case, text=text, actor=self.year.board, when=when)
        stamp(use_case, when)

    def _answer(self, title, when):
        use_case = self.year.use_cases[title]
        review.answer_question(
            use_case=use_case, answer=ANSWER, actor=use_case.submitted_by, when=when
        )
        stamp(use_case, when)

    def _comment(self, title, kind, body, when):
        use_case = self.year.use_cases[title]
        author = self.year.board if kind == "internal" else use_case.submitted_by
        review.post_comment(use_case=use_case, author=author, kind=kind, body=body, when=when)
