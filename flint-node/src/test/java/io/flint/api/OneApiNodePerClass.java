package io.flint.api;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real node with its HTTP API for all the tests of a class: starting one takes a second, and
 * these tests only read it or change what each test sets up itself. A subclass's own
 * {@code @BeforeAll} runs after this one, with {@link #n} started.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OneApiNodePerClass {
    ApiNode n;

    @BeforeAll
    void startNode(@TempDir Path dir) {
        n = new ApiNode(dir);
    }

    @AfterAll
    void stopNode() {
        n.close();
    }
}
