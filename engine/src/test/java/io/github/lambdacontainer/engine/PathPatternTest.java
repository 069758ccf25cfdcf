package io.github.lambdacontainer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** fileSet selection as archetype-common's ListScanner makes it, directory entries included. */
class PathPatternTest {

    private static final List<String> RESOURCES = List.of("README.md", "Dockerfile.arm64", "src/", "src/main/",
            "src/main/java/", "src/main/java/App.java", "src/main/java/orders/", "src/main/java/orders/Order.java",
            "src/main/java/orders/db/Repo.java", "events/orders-get.json", "events/hello.json");

    @Test
    void includesAreRelativeToTheDirectoryAndStarStarMatchesAnyDepth() {
        assertEquals(List.of("src/main/java/App.java", "src/main/java/orders/", "src/main/java/orders/Order.java",
                "src/main/java/orders/db/Repo.java"), PathPattern.select(RESOURCES, "src/main/java", List.of("**/*"), List.of()));
    }

    @Test
    void starStarAloneMatchesTheDirectoryEntryItself() {
        assertEquals("src/main/java/", PathPattern.select(RESOURCES, "src/main/java", List.of("**"), List.of()).get(0));
    }

    @Test
    void excludesRemoveWholeSubtreesDirectoryEntriesIncluded() {
        assertEquals(List.of("src/main/java/App.java"),
                PathPattern.select(RESOURCES, "src/main/java", List.of("**/*"), List.of("orders/**")));
    }

    @Test
    void starMatchesWithinOneSegmentOnly() {
        assertEquals(List.of("README.md", "Dockerfile.arm64"),
                PathPattern.select(RESOURCES, "", List.of("README.md", "Dockerfile.*", "*.java"), List.of()));
        assertEquals(List.of("events/orders-get.json"), PathPattern.select(RESOURCES, "events", List.of("orders-*"), List.of()));
    }

    @Test
    void aPatternEndingInSlashMeansEverythingUnderIt() {
        assertEquals(List.of("src/main/java/orders/", "src/main/java/orders/Order.java", "src/main/java/orders/db/Repo.java"),
                PathPattern.select(RESOURCES, "src/main/java", List.of("orders/"), List.of()));
    }

    @Test
    void noIncludesMeansEverything() {
        assertEquals(2, PathPattern.select(RESOURCES, "events", List.of(), List.of()).size());
    }
}
