package dev.cairn.dialect;

/**
 * A session that a migration's statement waited behind, as the server reports it while the
 * statement waits for a lock.
 *
 * @param pid             the blocking session's process id
 * @param applicationName its application_name, empty when it set none
 * @param query           its current or last query, as the server shows it to Cairn's user
 *                        ({@code <insufficient privilege>} for another role's session, to a non-superuser),
 *                        with the literal after any {@code PASSWORD} replaced by {@code '***'}: the
 *                        query is another session's, shown in Cairn's output and logs, and may be an
 *                        {@code ALTER ROLE ... PASSWORD '...'}
 */
public record Blocker(int pid, String applicationName, String query) {

    private static final int QUERY_SHOWN = 200;
    private static final java.util.regex.Pattern PASSWORD_LITERAL = java.util.regex.Pattern.compile(
            "(?i)(\\bpassword\\s*)(?:[eE]?'(?:[^'\\\\]|\\\\.|'')*'?|(\\$[A-Za-z_0-9]*\\$).*?(?:\\2|$))",
            java.util.regex.Pattern.DOTALL);

    public Blocker {
        java.util.Objects.requireNonNull(applicationName, "applicationName");
        if (query.toLowerCase(java.util.Locale.ROOT).contains("password")) {
            query = PASSWORD_LITERAL.matcher(query).replaceAll("$1'***'");
        }
    }

    /** {@code pid 4242 (psql): LOCK TABLE orders IN ACCESS EXCLUSIVE MODE}, the query cut at 200 characters. */
    public String describe() {
        String q = query.strip().replaceAll("\\s+", " ");
        if (q.length() > QUERY_SHOWN) {
            q = q.substring(0, QUERY_SHOWN) + "…";
        }
        return "pid " + pid + " (" + (applicationName.isEmpty() ? "no application_name" : applicationName) + ")"
                + (q.isEmpty() ? "" : ": " + q);
    }
}
