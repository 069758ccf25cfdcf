package io.github.lambdacontainer.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.StringTokenizer;
import java.util.regex.Pattern;

/**
 * Which archetype resources a fileSet selects, as archetype-common's ListScanner does: each include and
 * exclude is prefixed with the fileSet's directory and matched against the whole resource name
 * (directory entries included, with their trailing '/'), Ant-style and case-sensitively, as
 * plexus-utils' SelectorUtils.matchPath matches: '**' any number of path segments, '*' and '?' within
 * one; empty segments (a leading, doubled or trailing '/') ignored. A pattern ending in '/' means
 * everything under it.
 */
final class PathPattern {

    private final List<Pattern> segments;
    private final List<Boolean> anyDepth;

    private PathPattern(String pattern) {
        segments = new ArrayList<>();
        anyDepth = new ArrayList<>();
        for (String segment : split(pattern)) {
            anyDepth.add(segment.equals("**"));
            segments.add(segment.equals("**") ? null : glob(segment));
        }
    }

    /** The resources of a fileSet, in the order given: included by one pattern and excluded by none. */
    static List<String> select(List<String> resources, String directory, List<String> includes, List<String> excludes) {
        List<PathPattern> included = patterns(directory, includes.isEmpty() ? List.of("**") : includes);
        List<PathPattern> excluded = patterns(directory, excludes);
        return resources.stream()
                .filter(resource -> matchesAny(included, resource) && !matchesAny(excluded, resource))
                .toList();
    }

    private static List<PathPattern> patterns(String directory, List<String> patterns) {
        String base = directory.isEmpty() ? "" : directory + "/";
        return patterns.stream().map(String::trim)
                .map(pattern -> new PathPattern(base + (pattern.endsWith("/") ? pattern + "**" : pattern)))
                .toList();
    }

    private static boolean matchesAny(List<PathPattern> patterns, String resource) {
        List<String> path = split(resource);
        return patterns.stream().anyMatch(pattern -> pattern.matches(path, 0, 0));
    }

    /** Whether segments[p..] match path[s..]; '**' tries every number of segments. */
    private boolean matches(List<String> path, int p, int s) {
        if (p == segments.size()) {
            return s == path.size();
        }
        if (anyDepth.get(p)) {
            for (int next = s; next <= path.size(); next++) {
                if (matches(path, p + 1, next)) {
                    return true;
                }
            }
            return false;
        }
        return s < path.size() && segments.get(p).matcher(path.get(s)).matches() && matches(path, p + 1, s + 1);
    }

    private static List<String> split(String path) {
        List<String> segments = new ArrayList<>();
        StringTokenizer tokens = new StringTokenizer(path, "/");
        while (tokens.hasMoreTokens()) {
            segments.add(tokens.nextToken());
        }
        return segments;
    }

    private static Pattern glob(String segment) {
        StringBuilder regex = new StringBuilder();
        for (char c : segment.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
