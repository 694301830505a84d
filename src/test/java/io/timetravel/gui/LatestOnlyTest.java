package io.timetravel.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatestOnlyTest {

    private final DeferredTasks tasks = new DeferredTasks();
    private final LatestOnly reads = new LatestOnly(tasks);
    private final List<String> delivered = new ArrayList<>();

    private void read(String answer) {
        reads.run(() -> answer, delivered::add, failure -> delivered.add("failed: " + failure.getMessage()));
    }

    private void failingRead(String why) {
        reads.<String>run(() -> {
            throw new IllegalStateException(why);
        }, delivered::add, failure -> delivered.add("failed: " + failure.getMessage()));
    }

    private void more(String answer) {
        reads.more(() -> answer, delivered::add, failure -> delivered.add("failed: " + failure.getMessage()));
    }

    @Test
    void aReadsAnswerArrives() {
        read("a");
        tasks.runAll();

        assertEquals(List.of("a"), delivered);
    }

    @Test
    void anAnswerToASupersededReadIsDroppedWhicheverArrivesFirst() {
        read("old");
        read("new");
        tasks.runNewest();
        tasks.runAll();

        assertEquals(List.of("new"), delivered);

        delivered.clear();
        read("older");
        read("newer");
        tasks.runAll(); // the superseded answer arrives first

        assertEquals(List.of("newer"), delivered);
    }

    @Test
    void aSupersededReadsFailureIsDroppedButTheNewestReadsIsTold() {
        failingRead("slow disk");
        failingRead("gone");
        tasks.runAll();

        assertEquals(List.of("failed: gone"), delivered);
    }

    @Test
    void moreWorkOfTheNewestReadArrivesUntilANewerReadStarts() {
        read("page 1");
        more("page 2");
        tasks.runAll();

        assertEquals(List.of("page 1", "page 2"), delivered);

        delivered.clear();
        more("page 3");
        read("another filter");
        tasks.runAll();

        assertEquals(List.of("another filter"), delivered);
    }

    @Test
    void supersedingWithoutANewReadDropsWhatRuns() {
        read("a");
        more("b");
        reads.supersede();
        tasks.runAll();

        assertEquals(List.of(), delivered);

        more("after");
        tasks.runAll();

        assertEquals(List.of("after"), delivered);
    }
}
