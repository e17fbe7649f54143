package io.zdcd.examples.demo.internal;

import static org.assertj.core.api.BDDAssertions.then;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void off_a_terminal_it_prints_plain_lines_at_most_one_per_tenth() {
        // GIVEN
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, "rows", 1000);
        // WHEN a hundred updates
        for (int done = 10; done <= 1000; done += 10) {
            p.update(done);
        }
        // THEN one line per tenth reached (0% to 100%), no carriage return
        String out = bytes.toString(StandardCharsets.UTF_8);
        then(out).doesNotContain("\r");
        then(out.lines()).hasSize(11).last().asString().contains("rows: 1,000 of 1,000 (100%");
    }

    @Test
    void on_a_terminal_it_redraws_one_line_in_place_and_ends_it_when_done() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, "rows", 4);
        p.update(2);
        p.update(4);
        String out = bytes.toString(StandardCharsets.UTF_8);
        then(out).startsWith("\r").contains("[###############...............]  50% rows")
                .contains("[##############################] 100% rows").endsWith("\n");
        then(out.chars().filter(c -> c == '\n').count()).isEqualTo(1);
    }
}
