package dev.cairn.cli;

import dev.cairn.Cairn;
import dev.cairn.cli.render.Json;
import dev.cairn.error.CairnException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * The webhooks told after a run, and how they are told: one POST each, all at once, a 5 s timeout,
 * one retry, then a warning naming the host only. Webhook URLs carry secrets in their path and
 * query, so nothing here ever prints more of a URL than its host and port, and a webhook never
 * changes the outcome of the run.
 *
 * @param urls      checked http(s) URLs; empty when nothing is to be told
 * @param onSuccess whether a successful run is told
 * @param onFailure whether a failed run is told
 */
public record Webhook(List<URI> urls, boolean onSuccess, boolean onFailure) {

    /** How long one attempt may take, connecting included. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    public Webhook {
        urls = List.copyOf(urls);
    }

    /**
     * The webhooks of this run: {@code --notify}, else {@code $CAIRN_NOTIFY}, else the file's
     * {@code urls}; each checked now, so a bad one stops the command (exit 2) before anything runs.
     */
    public static Webhook of(NotifyOptions options, Settings settings, Context context, Console console) {
        List<String> raw;
        String source;
        if (!options.urls.isEmpty()) {
            raw = options.urls;
            source = "--notify";
        } else if (!context.env("CAIRN_NOTIFY").isEmpty()) {
            raw = Arrays.stream(context.env("CAIRN_NOTIFY").strip().split("[\\s,]+")).filter(u -> !u.isEmpty()).toList();
            source = "$CAIRN_NOTIFY";
        } else {
            raw = settings.notifyConfig().urls().orElse(List.of());
            source = "urls in " + settings.notifySource();
        }
        List<URI> urls = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            urls.add(check(raw.get(i).strip(), source + (raw.size() > 1 ? " (URL " + (i + 1) + ")" : ""), console));
        }
        List<String> on = !options.on.isEmpty() ? options.on
                : settings.notifyConfig().on().orElse(List.of("success", "failure"));
        for (String o : on) {
            if (!o.strip().equals("success") && !o.strip().equals("failure")) {
                throw CairnException.usage("cli.notify", "--notify-on takes success and failure, not '" + o + "'");
            }
        }
        return new Webhook(urls, on.stream().anyMatch(o -> o.strip().equals("success")),
                on.stream().anyMatch(o -> o.strip().equals("failure")));
    }

    /** A URL the JDK's client can POST to, named in messages by its host only. */
    private static URI check(String url, String source, Console console) {
        console.secret(url);
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw CairnException.usage("cli.notify", source + " is not a valid URL (not shown: it may carry a"
                    + " secret); give the webhook's full address, such as https://hooks.slack.com/services/...");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !uri.isAbsolute()) {
            throw CairnException.usage("cli.notify", source + " has no host (URL not shown: it may carry a secret);"
                    + " give the webhook's full address, such as https://hooks.slack.com/services/...");
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw CairnException.usage("cli.notify", source + " (host " + host(uri) + ") is a " + scheme + " URL;"
                    + " webhooks must be http or https");
        }
        String rest = (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        if (rest.length() >= 12) {
            console.secret(rest);
        }
        return uri;
    }

    /** {@code host} or {@code host:port}: never the user, path or query. */
    static String host(URI uri) {
        return uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    /** Whether a run that ended so is told to anyone. */
    public boolean wants(boolean succeeded) {
        return !urls.isEmpty() && (succeeded ? onSuccess : onFailure);
    }

    /**
     * Posts the document to every URL at once and waits at most two attempts' time; a webhook
     * that does not take it is a warning on standard error, never an error.
     */
    public void send(Object document, Console console) {
        byte[] body = Json.line(document).getBytes(StandardCharsets.UTF_8);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        List<CompletableFuture<String>> sent = urls.stream().map(u -> post(client, u, body, true)).toList();
        for (int i = 0; i < urls.size(); i++) {
            String problem = sent.get(i).join();
            if (!problem.isEmpty()) {
                warn(console, host(urls.get(i)), problem);
            }
        }
    }

    /** Empty text when delivered, else why not. */
    private static CompletableFuture<String> post(HttpClient client, URI uri, byte[] body, boolean retry) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8").header("User-Agent", "cairn/" + Cairn.VERSION)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .orTimeout(TIMEOUT.toMillis() + 500, java.util.concurrent.TimeUnit.MILLISECONDS)
                .handle((response, error) -> {
                    if (error != null) {
                        return new String[] {reason(error), "retry"};
                    }
                    int status = response.statusCode();
                    if (status / 100 == 2) {
                        return new String[] {"", ""};
                    }
                    return new String[] {"HTTP " + status, status >= 500 || status == 429 ? "retry" : ""};
                })
                .thenCompose(r -> r[1].isEmpty() || !retry ? CompletableFuture.completedFuture(r[0])
                        : post(client, uri, body, false).thenApply(again -> again.isEmpty() ? ""
                                : again + (again.equals(r[0]) ? ", twice" : " after " + r[0])));
    }

    /** Why a request failed, in words that never include the URL (some exceptions' messages do). */
    private static String reason(Throwable error) {
        Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (t instanceof HttpConnectTimeoutException) {
            return "no connection within " + TIMEOUT.toSeconds() + "s";
        }
        if (t instanceof HttpTimeoutException || t instanceof TimeoutException) {
            return "no reply within " + TIMEOUT.toSeconds() + "s";
        }
        if (t instanceof ConnectException) {
            return "connection refused";
        }
        if (t instanceof java.nio.channels.UnresolvedAddressException || t.getCause() instanceof
                java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
            return "host not found";
        }
        if (t instanceof javax.net.ssl.SSLException) {
            return "TLS failed";
        }
        return t.getClass().getSimpleName();
    }

    private static void warn(Console console, String host, String problem) {
        if (console.jsonLog()) {
            console.err(Json.line(Json.map("event", "notify_failed", "host", host, "reason", problem)));
        } else {
            console.err("warning: notification to " + host + " not delivered (" + problem + "); the run's outcome"
                    + " and exit code are unaffected");
        }
    }
}
