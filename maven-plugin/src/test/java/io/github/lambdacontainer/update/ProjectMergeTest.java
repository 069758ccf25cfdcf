package io.github.lambdacontainer.update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdacontainer.engine.ProjectFile;
import io.github.lambdacontainer.update.ProjectMerge.FileMerge;
import io.github.lambdacontainer.update.ProjectMerge.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/** The three-way merge of one template change into a project, path by path. */
class ProjectMergeTest {

    private static final ProjectMerge.Labels LABELS = new ProjectMerge.Labels("yours", "archetype 1.0", "archetype 1.1");

    private final Map<String, ProjectFile> base = new HashMap<>();
    private final Map<String, ProjectFile> theirs = new HashMap<>();
    private final Map<String, ProjectFile> ours = new HashMap<>();

    @Test
    void aFileOnlyTheUserChangedIsLeftAlone() {
        put(base, "App.java", "a\nb\n");
        put(theirs, "App.java", "a\nb\n");
        put(ours, "App.java", "a\nB by the user\n");
        assertTrue(merge().isEmpty());
    }

    @Test
    void aTemplateChangeIsAppliedWhereTheUserChangedNothing() {
        put(base, "Dockerfile", "FROM java:21\n");
        put(theirs, "Dockerfile", "FROM java:25\n");
        put(ours, "Dockerfile", "FROM java:21\n");
        FileMerge merge = only();
        assertEquals(Outcome.UPDATED, merge.outcome());
        assertEquals("FROM java:25\n", text(merge.merged()));
    }

    @Test
    void changesToDifferentLinesMergeAndBothAreKept() {
        put(base, "README.md", "title\n\none\ntwo\nthree\nfour\nfive\n");
        put(theirs, "README.md", "title\n\none\ntwo\nthree\nfour\nfive by the template\n");
        put(ours, "README.md", "title by the user\n\none\ntwo\nthree\nfour\nfive\n");
        FileMerge merge = only();
        assertEquals(Outcome.UPDATED, merge.outcome());
        assertEquals("title by the user\n\none\ntwo\nthree\nfour\nfive by the template\n", text(merge.merged()));
    }

    @Test
    void theSameChangeOnBothSidesIsNoConflict() {
        put(base, "pom.xml", "a\nversion 1\nc\nd\ne\nf\n");
        put(theirs, "pom.xml", "a\nversion 2\nc\nd\ne\nf by the template\n");
        put(ours, "pom.xml", "a\nversion 2\nc\nd\ne\nf\n");
        FileMerge merge = only();
        assertEquals(Outcome.UPDATED, merge.outcome());
        assertEquals("a\nversion 2\nc\nd\ne\nf by the template\n", text(merge.merged()));
    }

    @Test
    void aWholeFileAlreadyLikeTheTemplatesIsNoChangeAtAll() {
        put(base, "pom.xml", "version 1\n");
        put(theirs, "pom.xml", "version 2\n");
        put(ours, "pom.xml", "version 2\n");
        assertTrue(merge().isEmpty());
    }

    @Test
    void differentChangesToTheSameLinesAreAConflictWithMarkers() {
        put(base, "README.md", "intro\nRun it with make.\nend\n");
        put(theirs, "README.md", "intro\nRun it with ./mvnw verify.\nend\n");
        put(ours, "README.md", "intro\nRun it with our script.\nend\n");
        FileMerge merge = only();
        assertEquals(Outcome.CONFLICT, merge.outcome());
        assertEquals("""
                intro
                <<<<<<< yours
                Run it with our script.
                =======
                Run it with ./mvnw verify.
                >>>>>>> archetype 1.1
                end
                """, text(merge.merged()));
    }

    @Test
    void aFileTheTemplateAddedIsCreatedWithItsExecutableBit() {
        theirs.put("scripts/new.sh", new ProjectFile(bytes("#!/bin/sh\n"), true));
        FileMerge merge = only();
        assertEquals(Outcome.CREATED, merge.outcome());
        assertTrue(merge.merged().executable());
        assertNull(merge.current());
    }

    @Test
    void aFileTheTemplateAddedThatTheUserAlreadyWroteDifferentlyIsAConflict() {
        put(theirs, "NOTES.md", "template notes\n");
        put(ours, "NOTES.md", "my notes\n");
        FileMerge merge = only();
        assertEquals(Outcome.CONFLICT, merge.outcome());
        assertEquals("<<<<<<< yours\nmy notes\n=======\ntemplate notes\n>>>>>>> archetype 1.1\n", text(merge.merged()));
    }

    @Test
    void aFileTheTemplateRemovedIsDeletedOnlyWhereTheUserLeftItUnchanged() {
        put(base, "unchanged.sh", "echo\n");
        put(ours, "unchanged.sh", "echo\n");
        put(base, "changed.sh", "echo\n");
        put(ours, "changed.sh", "echo hello\n");
        SortedMap<String, FileMerge> merges = merge();
        assertEquals(Outcome.DELETED, merges.get("unchanged.sh").outcome());
        assertEquals(Outcome.KEPT_CHANGED, merges.get("changed.sh").outcome());
        assertNull(merges.get("changed.sh").merged(), "a kept file is not rewritten");
    }

    @Test
    void aFileTheUserDeletedStaysDeletedAndIsListedWhenTheTemplateChangedIt() {
        put(base, "serverless.yml", "a\n");
        put(theirs, "serverless.yml", "b\n");
        assertEquals(Outcome.KEPT_DELETED, only().outcome());
        put(base, "other.yml", "a\n");
        put(theirs, "other.yml", "a\n");
        assertFalse(merge().containsKey("other.yml"), "unchanged by the template: nothing to say");
    }

    @Test
    void aBinaryFileTheUserLeftAloneTakesTheTemplates() {
        base.put("logo.png", new ProjectFile(new byte[] {1, 0, 2}, false));
        theirs.put("logo.png", new ProjectFile(new byte[] {1, 0, 3}, false));
        ours.put("logo.png", new ProjectFile(new byte[] {1, 0, 2}, false));
        FileMerge merge = only();
        assertEquals(Outcome.UPDATED, merge.outcome());
        assertArrayEquals(new byte[] {1, 0, 3}, merge.merged().content());
    }

    @Test
    void aBinaryFileBothChangedKeepsTheUsersAndPutsTheTemplatesBeside() {
        base.put("logo.png", new ProjectFile(new byte[] {1, 0, 2}, false));
        theirs.put("logo.png", new ProjectFile(new byte[] {1, 0, 3}, false));
        ours.put("logo.png", new ProjectFile(new byte[] {1, 0, 4}, false));
        FileMerge merge = only();
        assertEquals(Outcome.BINARY_CONFLICT, merge.outcome());
        assertTrue(merge.outcome().isConflict());
        assertNull(merge.merged(), "the user's file is not touched");
        assertArrayEquals(new byte[] {1, 0, 3}, merge.beside().content());
        String diff = UnifiedDiff.of(merge().values());
        assertTrue(diff.contains("diff --git a/logo.png.theirs b/logo.png.theirs\nnew file mode 100644\nBinary files"),
                diff);
    }

    @Test
    void theTemplatesChangeOfTheExecutableBitAppliesUnlessTheUserChangedIt() {
        base.put("run.sh", new ProjectFile(bytes("run\n"), false));
        theirs.put("run.sh", new ProjectFile(bytes("run\n"), true));
        ours.put("run.sh", new ProjectFile(bytes("run\nby the user\n"), false));
        FileMerge merge = only();
        assertEquals(Outcome.UPDATED, merge.outcome());
        assertTrue(merge.merged().executable());
        assertEquals("run\nby the user\n", text(merge.merged()));

        base.put("run.sh", new ProjectFile(bytes("run\n"), true));
        theirs.put("run.sh", new ProjectFile(bytes("run changed\n"), true));
        ours.put("run.sh", new ProjectFile(bytes("run\n"), false));
        FileMerge userBit = only();
        assertEquals("run changed\n", text(userBit.merged()));
        assertFalse(userBit.merged().executable(), "the user made it non-executable; that stays");
    }

    @Test
    void aFileWithoutAFinalNewlineMergesWithoutGainingOrLosingOne() {
        put(base, "a.txt", "one\ntwo\nthree\nfour");
        put(theirs, "a.txt", "one by the template\ntwo\nthree\nfour");
        put(ours, "a.txt", "one\ntwo\nthree\nfour by the user");
        assertEquals("one by the template\ntwo\nthree\nfour by the user", text(only().merged()));
    }

    @Test
    void theRecordIsAlwaysTheTemplatesNewOne() {
        put(base, ArchetypeRecord.PATH, "archetypeVersion=1.0\napi=rest\n");
        put(theirs, ArchetypeRecord.PATH, "archetypeVersion=1.1\napi=http\n");
        put(ours, ArchetypeRecord.PATH, "archetypeVersion=1.0\napi=rest\n# a hand edit\n");
        FileMerge merge = only();
        assertEquals(Outcome.UPDATED, merge.outcome());
        assertEquals("archetypeVersion=1.1\napi=http\n", text(merge.merged()));
    }

    @Test
    void theDiffShowsEachChangeAsAUnifiedDiffGitApplies() {
        put(base, "Dockerfile", "FROM java:21\nCOPY lib\n");
        put(theirs, "Dockerfile", "FROM java:25\nCOPY lib\n");
        put(ours, "Dockerfile", "FROM java:21\nCOPY lib\n");
        put(base, "old.sh", "echo\n");
        put(ours, "old.sh", "echo\n");
        put(theirs, "new.txt", "new\n");
        assertEquals("""
                diff --git a/Dockerfile b/Dockerfile
                --- a/Dockerfile
                +++ b/Dockerfile
                @@ -1,2 +1,2 @@
                -FROM java:21
                +FROM java:25
                 COPY lib
                diff --git a/new.txt b/new.txt
                new file mode 100644
                --- /dev/null
                +++ b/new.txt
                @@ -0,0 +1 @@
                +new
                diff --git a/old.sh b/old.sh
                deleted file mode 100644
                --- a/old.sh
                +++ /dev/null
                @@ -1 +0,0 @@
                -echo
                """, UnifiedDiff.of(merge().values()));
    }

    private SortedMap<String, FileMerge> merge() {
        return ProjectMerge.merge(base, theirs, ours::get, LABELS);
    }

    private FileMerge only() {
        SortedMap<String, FileMerge> merges = merge();
        assertEquals(1, merges.size(), () -> "expected one path, got " + merges.keySet());
        return merges.values().iterator().next();
    }

    private static void put(Map<String, ProjectFile> side, String path, String content) {
        side.put(path, new ProjectFile(bytes(content), false));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(ProjectFile file) {
        return new String(file.content(), StandardCharsets.UTF_8);
    }
}
