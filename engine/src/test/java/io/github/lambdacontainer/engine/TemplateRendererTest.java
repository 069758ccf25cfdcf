package io.github.lambdacontainer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.velocity.VelocityContext;
import org.junit.jupiter.api.Test;

/**
 * Each Velocity setting archetype-common 3.4.1 runs with, pinned by a template whose output depends on
 * it: today's archetype templates happen not to depend on all of them (EngineMatchesArchetypeGenerateIT
 * would not notice parser.space_gobbling=lines instead of bc), a template added tomorrow may.
 */
class TemplateRendererTest {

    private static String render(String template, Map<String, Object> values) {
        TemplateRenderer renderer = new TemplateRenderer(Map.of("t.vm", template.getBytes(StandardCharsets.UTF_8)));
        return renderer.merge("t.vm", "UTF-8", new VelocityContext(new HashMap<>(values)));
    }

    @Test
    void spaceGobblingIsVelocity1s() {
        // bc: an indented directive line keeps its indentation, as Velocity 1.x did ('lines': "x\n  y\n").
        assertEquals("  x\n    y\n", render("  #if(true)\nx\n  #end\n  y\n", Map.of()));
    }

    @Test
    void anEmptyStringIsTrueInIf() {
        assertEquals("yes", render("#if($empty)yes#else no#end", Map.of("empty", "")));
    }

    @Test
    void identifiersMayHoldHyphens() {
        assertEquals("value", render("$foo-bar", Map.of("foo-bar", "value", "foo", "wrong")));
    }

    @Test
    void methodArgumentsAreNotConverted() {
        // With Velocity 2's default conversions "1" would become the int substring(int) takes.
        assertEquals("$text.substring(\"1\")", render("$text.substring(\"1\")", Map.of("text", "abc")));
    }

    @Test
    void aMacroArgumentLeftOutIsTakenFromTheContext() {
        assertEquals("[global]", render("#macro(show $a)[$a]#end#show()", Map.of("a", "global")));
    }

    @Test
    void unknownReferencesAreLeftAsWritten() {
        assertEquals("${dollar}{x} $missing", render("${dollar}{x} $missing", Map.of()));
    }

    @Test
    void lineSeparatorsBecomeThePlatformsAsPlexusUtilsUnifiesThem() {
        String n = System.lineSeparator();
        assertEquals("a" + n + "b" + n + "c" + n + n, Archetype.unifyLineSeparators("a\r\nb\rc\n\n"));
    }
}
