"""Assessments on the pages: the criteria explained, others' scores shown when allowed."""

import pytest

from usecases.services import record_assessment
from usecases.tests.factories import AssessmentFactory
from usecases.tests.helpers import assigned
from usecases.tests.helpers import url_of


def test_assessment_form_explains_each_criterion_in_the_seed_terms(client, cases, reviewer):
    assigned(cases["in_review"], reviewer)
    client.force_login(reviewer)
    response = client.get(url_of("usecases:assessment-edit", cases, "in_review"))
    content = response.content.decode()
    for name in ("complementarity", "existing_strengths", "feasibility", "scalability"):
        assert response.context["form"].fields[name].help_text
        assert f'name="{name}"' in content
    # Dutch, the default, uses the words of the Board's cover note.
    for words in (
        "Complementariteit tussen de metropoolregio Amsterdam en Brainport",
        "Aansluiting op bestaande sterktes",
        "Uitvoerbaarheid op korte termijn",
        "Potentieel voor verdere opschaling op langere termijn",
    ):
        assert words in content
    english = client.get("/en" + url_of("usecases:assessment-edit", cases, "in_review"))
    assert "Fit with existing strengths" in english.content.decode()


def test_reviewer_sees_others_assessments_only_after_submitting_their_own(
    client, cases, reviewer, board
):
    from corridor.accounts.tests.factories import reviewer_user

    in_review = cases["in_review"]
    other = reviewer_user(username="other-reviewer")
    AssessmentFactory(use_case=in_review, reviewer=other, rationale="Oordeel van een ander")
    client.force_login(reviewer)
    before = client.get(in_review.get_absolute_url())
    assert before.context["assessments"] == []
    assert b"Oordeel van een ander" not in before.content
    assert not before.context["sees_review"]

    assigned(in_review, reviewer)
    record_assessment(
        use_case=in_review,
        reviewer=reviewer,
        complementarity=2,
        existing_strengths=2,
        feasibility=2,
        scalability=2,
        recommendation="decline",
    )
    after = client.get(in_review.get_absolute_url())
    assert len(after.context["assessments"]) == 2
    assert b"Oordeel van een ander" in after.content
    assert after.context["use_case"].consensus == "split"


def test_board_sees_scores_spread_and_consensus(client, cases, board):
    from corridor.accounts.tests.factories import reviewer_user

    in_review = cases["in_review"]
    for n, score in enumerate((5, 1)):
        AssessmentFactory(
            use_case=in_review,
            reviewer=reviewer_user(username=f"r{n}"),
            complementarity=score,
            existing_strengths=score,
            feasibility=score,
            scalability=score,
        )
    client.force_login(board)
    response = client.get(in_review.get_absolute_url())
    use_case = response.context["use_case"]
    assert use_case.score == pytest.approx(3.0)
    assert use_case.spread == pytest.approx(4.0)
    assert response.context["spread_alert"]
    assert [row["scores"] for row in response.context["criteria"]] == [[5, 1]] * 4
