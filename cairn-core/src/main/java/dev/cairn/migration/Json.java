package dev.cairn.migration;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON reader (RFC 8259), just enough for drizzle-kit's {@code meta/_journal.json}:
 * cairn-core has no dependency to read it with. Values are {@link Map} (keys in file order),
 * {@link List}, {@link String}, {@link BigDecimal}, {@link Boolean} and {@link #NULL}.
 *
 * <p>Strict means nothing is guessed: trailing commas, comments, single quotes, duplicate keys,
 * leading zeros, bare control characters in strings and text after the value are errors, each with
 * the line and column where the reader stopped.
 */
final class Json {

    /** JSON's {@code null}, which unmodifiable collections cannot hold. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** Malformed JSON: what is wrong, and where (1-based line and column). */
    static final class SyntaxError extends Exception {
        final int line;
        final int column;

        SyntaxError(String message, int line, int column) {
            super(line + ":" + column + ": " + message);
            this.line = line;
            this.column = column;
        }
    }

    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    /** Reads one JSON value that makes up the whole text (whitespace around it allowed). */
    static Object parse(String text) throws SyntaxError {
        Json json = new Json(text);
        json.space();
        Object value = json.value();
        json.space();
        if (json.pos < text.length()) {
            throw json.error("unexpected " + json.found() + " after the end of the JSON value");
        }
        return value;
    }

    private Object value() throws SyntaxError {
        if (pos >= text.length()) {
            throw error("expected a value, found the end of the file");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", NULL);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("expected a value, found " + found());
            }
        };
    }

    private Map<String, Object> object() throws SyntaxError {
        pos++;
        Map<String, Object> out = new LinkedHashMap<>();
        space();
        if (peek() == '}') {
            pos++;
            return Collections.unmodifiableMap(out);
        }
        while (true) {
            space();
            if (peek() != '"') {
                throw error("expected a \"quoted\" key, found " + found());
            }
            int keyLine = line(pos);
            int keyColumn = column(pos);
            String key = string();
            if (out.containsKey(key)) {
                throw new SyntaxError("duplicate key \"" + key + "\"", keyLine, keyColumn);
            }
            space();
            expect(':', "':' after the key \"" + key + "\"");
            space();
            out.put(key, value());
            space();
            if (peek() == ',') {
                pos++;
                space();
                if (peek() == '}') {
                    throw error("trailing comma before '}'");
                }
            } else if (peek() == '}') {
                pos++;
                return Collections.unmodifiableMap(out);
            } else {
                throw error("expected ',' or '}' after a value, found " + found());
            }
        }
    }

    private List<Object> array() throws SyntaxError {
        pos++;
        List<Object> out = new ArrayList<>();
        space();
        if (peek() == ']') {
            pos++;
            return Collections.unmodifiableList(out);
        }
        while (true) {
            space();
            out.add(value());
            space();
            if (peek() == ',') {
                pos++;
                space();
                if (peek() == ']') {
                    throw error("trailing comma before ']'");
                }
            } else if (peek() == ']') {
                pos++;
                return Collections.unmodifiableList(out);
            } else {
                throw error("expected ',' or ']' after a value, found " + found());
            }
        }
    }

    private String string() throws SyntaxError {
        int open = pos;
        pos++;
        StringBuilder out = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toString();
            }
            if (c < 0x20) {
                throw error("control character U+" + String.format("%04X", (int) c)
                        + " in a string; write it as an escape such as \\n");
            }
            if (c == '\\') {
                out.append(escape());
            } else {
                out.append(c);
                pos++;
            }
        }
        pos = open;
        throw error("unterminated string: no closing '\"'");
    }

    private char escape() throws SyntaxError {
        char e = pos + 1 < text.length() ? text.charAt(pos + 1) : '\0';
        pos += 2;
        return switch (e) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> unicode();
            default -> {
                pos -= 2;
                throw error("invalid escape \\" + (e == '\0' ? "" : String.valueOf(e))
                        + " in a string; JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX");
            }
        };
    }

    private char unicode() throws SyntaxError {
        if (pos + 4 > text.length()) {
            pos -= 2;
            throw error("invalid escape: \\u needs four hex digits");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos + i), 16);
            if (d < 0) {
                pos -= 2;
                throw error("invalid escape: \\u needs four hex digits");
            }
            value = value * 16 + d;
        }
        pos += 4;
        return (char) value;
    }

    private BigDecimal number() throws SyntaxError {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
            if (isDigit(peek())) {
                throw error("number with a leading zero");
            }
        } else if (!digits()) {
            throw error("expected a digit, found " + found());
        }
        if (peek() == '.') {
            pos++;
            if (!digits()) {
                throw error("expected a digit after '.', found " + found());
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!digits()) {
                throw error("expected a digit in the exponent, found " + found());
            }
        }
        return new BigDecimal(text.substring(start, pos));
    }

    private boolean digits() {
        int start = pos;
        while (isDigit(peek())) {
            pos++;
        }
        return pos > start;
    }

    private Object literal(String word, Object value) throws SyntaxError {
        if (!text.startsWith(word, pos)) {
            throw error("expected a value, found " + found());
        }
        pos += word.length();
        return value;
    }

    private void expect(char c, String what) throws SyntaxError {
        if (peek() != c) {
            throw error("expected " + what + ", found " + found());
        }
        pos++;
    }

    /** JSON's whitespace: space, tab, line feed, carriage return; nothing else (no comments). */
    private void space() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private String found() {
        if (pos >= text.length()) {
            return "the end of the file";
        }
        int end = pos;
        while (end < text.length() && end - pos < 12 && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        return "'" + text.substring(pos, Math.max(end, pos + 1)) + "'";
    }

    private SyntaxError error(String message) {
        return new SyntaxError(message, line(pos), column(pos));
    }

    private int line(int at) {
        int line = 1;
        for (int i = 0; i < at && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private int column(int at) {
        int lineStart = text.lastIndexOf('\n', Math.min(at, text.length()) - 1) + 1;
        return at - lineStart + 1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
