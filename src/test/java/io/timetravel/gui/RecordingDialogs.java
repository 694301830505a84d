package io.timetravel.gui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link DialogService} for tests: records what would have been shown and answers with
 * what the test set up, so view models run without a screen.
 */
public final class RecordingDialogs implements DialogService {

    /** Everything shown, as "kind: title: message". */
    public final List<String> shown = new ArrayList<>();
    public Optional<Long> userAnswer = Optional.empty();
    /** Answers to the user-id question in turn, before {@link #userAnswer}. */
    public final java.util.Deque<Long> userAnswers = new java.util.ArrayDeque<>();
    public boolean confirmAnswer = true;
    /** What the user does with a form: fills it in and returns whether they press OK. */
    public Function<FormSpec, Boolean> formAnswer = form -> false;
    /** Where the user chooses to save a file, or empty when they cancel. */
    public Optional<Path> saveAnswer = Optional.empty();

    @Override
    public Optional<Long> askUserId(String message) {
        shown.add("user: " + message);
        return userAnswers.isEmpty() ? userAnswer : Optional.of(userAnswers.poll());
    }

    @Override
    public void showError(String title, String message) {
        shown.add("error: " + title + ": " + message);
    }

    @Override
    public void showInfo(String title, String message) {
        shown.add("info: " + title + ": " + message);
    }

    @Override
    public boolean confirm(String title, String message) {
        shown.add("confirm: " + title + ": " + message);
        return confirmAnswer;
    }

    @Override
    public boolean showForm(FormSpec form) {
        shown.add("form: " + form.title());
        return formAnswer.apply(form) && form.valid().get() && form.submit().get();
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, String suggestedName, String extension) {
        shown.add("save: " + title + ": " + suggestedName);
        return saveAnswer;
    }
}
