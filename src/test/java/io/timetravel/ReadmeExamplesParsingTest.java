package io.timetravel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.testing.ReadmeExamples;
import io.timetravel.testing.ReadmeExamples.Example;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How README.md's examples are read and compared (the convention the README states). */
class ReadmeExamplesParsingTest {

    private static final String MARKDOWN = """
            Prose, and a block that is not run:

            ```sh
            curl -s http://127.0.0.1:8000/not-run
            # {"shown":"but not checked"}
            ```

            ```console
            # a comment
            $ H='X-User-ID: 42'
            $ curl -s -H "$H" -X POST http://127.0.0.1:8000/api/v2/records/7 \\
                 -d '{"a":1}'
            {"id":7,"version":1,"data":{"a":1},
             "recorded_at":"2026-11-21T10:00:00.000000Z",…}

            $ curl -N -s http://127.0.0.1:8000/api/v2/events
            retry: 2000
            …
            ```
            """;

    @Test
    void commandsTheirLinesAndOutputsComeFromConsoleBlocksOnly(@TempDir Path folder) throws Exception {
        Path readme = Files.writeString(folder.resolve("README.md"), MARKDOWN);
        List<Example> examples = ReadmeExamples.parse(readme);
        assertEquals(List.of(10, 11, 16), examples.stream().map(Example::line).toList());
        assertEquals("H='X-User-ID: 42'", examples.get(0).command());
        assertEquals(List.of(), examples.get(0).expected());
        assertEquals("curl -s -H \"$H\" -X POST http://127.0.0.1:8000/api/v2/records/7 \\\n     -d '{\"a\":1}'",
                examples.get(1).command());
        assertEquals(2, examples.get(1).expected().size());
        assertFalse(examples.get(1).stream());
        assertTrue(examples.get(2).stream());
    }

    @Test
    void outputsMatchWithTimesHashesAndLeftOutTextAside(@TempDir Path folder) throws Exception {
        Example written = ReadmeExamples.parse(Files.writeString(folder.resolve("README.md"), MARKDOWN)).get(1);
        assertTrue(written.matches("{\"id\":7,\"version\":1,\"data\":{\"a\":1},\"recorded_at\":\"2031-01-02T03:04:05.123456Z\","
                + "\"actor\":42}\n"));
        assertFalse(written.matches("{\"id\":7,\"version\":2,\"data\":{\"a\":1},\"recorded_at\":\"2026-11-21T10:00:00.000000Z\"}"),
                "a version the README does not show");
        assertFalse(written.matches(""), "nothing printed");
        assertEquals("\"head\":\"<sha256>\",\"key_id\":\"<key-id>\",\"token\":\"<token>\"",
                ReadmeExamples.normalise("\"head\": \"" + "ab".repeat(32) + "\", \"key_id\": \"27f625b3132f4a42\","
                        + " \"token\": \"tt_Zx9-_a\""));
    }

    @Test
    void anOutputWithoutItsCommandIsRefused(@TempDir Path folder) throws Exception {
        Path readme = Files.writeString(folder.resolve("README.md"), "```console\n{\"ok\":true}\n```\n");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> ReadmeExamples.parse(readme));
        assertTrue(refused.getMessage().contains("README.md:2: output before any command"), refused.getMessage());
    }
}
