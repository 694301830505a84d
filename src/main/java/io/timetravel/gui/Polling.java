package io.timetravel.gui;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.value.ObservableBooleanValue;
import javafx.util.Duration;

/** Reads a list again every half second while a background job shown in it runs (snapshots, recalculations). */
public final class Polling {

    /** How often a list is read again while a job runs. */
    private static final Duration EVERY = Duration.millis(500);

    private Polling() {
    }

    /** Calls {@code poll} every half second on the FX thread while {@code running} holds. */
    public static void whileRunning(ObservableBooleanValue running, Runnable poll) {
        Timeline poller = new Timeline(new KeyFrame(EVERY, event -> poll.run()));
        poller.setCycleCount(Animation.INDEFINITE);
        running.addListener((observable, old, now) -> {
            if (now) {
                poller.play();
            } else {
                poller.stop();
            }
        });
        if (running.get()) {
            poller.play();
        }
    }
}
