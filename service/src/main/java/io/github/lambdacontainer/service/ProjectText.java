package io.github.lambdacontainer.service;

import io.github.lambdacontainer.engine.ProjectFile;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A generated file's text, when it is UTF-8 text (what the archetype's filesets declare). */
final class ProjectText {

    private ProjectText() {}

    /** The text, or null for a file that is not valid UTF-8 or holds NUL bytes (shown as binary). */
    static String of(ProjectFile file) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file.content())).toString();
            return text.indexOf('\0') >= 0 ? null : text;
        } catch (CharacterCodingException binary) {
            return null;
        }
    }

    /** The lines of a file (none for an absent one), or null for a binary one. */
    static List<String> lines(ProjectFile file) {
        if (file == null) {
            return List.of();
        }
        String text = of(file);
        return text == null ? null : text.lines().toList();
    }
}
