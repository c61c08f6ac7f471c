"""Every exercise: the untouched starter fails every check, the solution passes every check,
and each typical mistake is caught by its own check with its own message, in both languages.
Each exercise gets its own trainee, so its sandbox holds only what the test entered."""

from __future__ import annotations

import pytest

from workbench import Settings
from workbench.training import EXERCISES, Exercise, Practice, open_trainee

IDS = list(EXERCISES)


def _fresh(settings: Settings, exercise: Exercise, who: str) -> Practice:
    trainee = open_trainee(f"{who} {exercise.id}", settings=settings)
    return trainee.exercise(exercise.id)


@pytest.mark.parametrize("exercise_id", IDS)
def test_the_untouched_starter_fails_every_check(
    training_settings: Settings, exercise_id: str
) -> None:
    practice = _fresh(training_settings, EXERCISES[exercise_id], "starter")
    feedback = practice.submit()
    assert [c.id for c, _ in feedback.results] == [c.id for c in practice.exercise.checks]
    failing = {c.id: r.score for c, r in feedback.results if r.score < 1}
    assert failing == {c.id: 0.0 for c in practice.exercise.checks}
    assert feedback.score == 0
    practice.trainee.close()


@pytest.mark.parametrize("exercise_id", IDS)
def test_the_solution_passes_every_check(training_settings: Settings, exercise_id: str) -> None:
    practice = _fresh(training_settings, EXERCISES[exercise_id], "solution")
    practice.exercise.solve(practice.ctx)
    visible = practice.check()
    assert visible.ok and visible.hidden_remaining == len(practice.exercise.hidden)
    assert "all" not in visible.summary("en").lower()  # never "all passed" while hidden remain
    feedback = practice.submit()
    assert feedback.ok, feedback.text("en")
    assert feedback.score == practice.exercise.points
    assert feedback.summary("en").startswith("All ")
    practice.trainee.close()


@pytest.mark.parametrize("exercise_id", IDS)
def test_each_typical_mistake_gets_its_own_message(
    training_settings: Settings, exercise_id: str
) -> None:
    exercise = EXERCISES[exercise_id]
    assert len(exercise.mistakes) >= 3
    assert len({m.says for m in exercise.mistakes}) == len(exercise.mistakes), "one message each"
    practice = _fresh(training_settings, exercise, "mistakes")
    for mistake in exercise.mistakes:
        mistake.make(practice.ctx)
        feedback = practice.submit()
        (caught,) = [r for c, r in feedback.results if c.id == mistake.check]
        assert not caught.ok, f"{mistake.about}: {caught.text('en')}"
        assert caught.message == mistake.says, f"{mistake.about}: {caught.text('en')}"
        zh, en = caught.text("zh"), caught.text("en")
        assert "{" not in zh + en and zh != en
        practice.reset()
        again = practice.submit()  # reset undid the mistake: back to the starter
        assert again.score == 0, f"after resetting {mistake.about}: {again.text('en')}"
    practice.trainee.close()
