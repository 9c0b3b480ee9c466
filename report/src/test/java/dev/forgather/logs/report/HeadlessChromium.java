package dev.forgather.logs.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless Chromium, driven over the DevTools protocol (a WebSocket from the JDK's own
 * HTTP client), so a test can open a report, use its controls with real mouse events and read
 * back what the page drew. Every console error, uncaught exception and CSP violation the page
 * causes is collected.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CANDIDATES =
            List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

    private HeadlessChromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /** The browser, or the test is skipped (with how to install it) when none is installed. */
    static HeadlessChromium start(Path workDir) throws Exception {
        Optional<String> executable = Optional.ofNullable(System.getenv("CHROMIUM"))
                .or(() -> CANDIDATES.stream()
                        .filter(p -> Files.isExecutable(Path.of(p)))
                        .findFirst());
        Assumptions.assumeTrue(
                executable.isPresent(),
                "headless Chromium is not installed (apt-get install -y chromium; .ci/run installs it)");
        Path profile = Files.createDirectories(workDir.resolve("chromium-profile"));
        Process process = new ProcessBuilder(
                        executable.get(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-quic",
                        "--no-first-run",
                        "--no-default-browser-check",
                        "--hide-scrollbars",
                        "--window-size=1400,1000",
                        "--user-data-dir=" + profile,
                        "--remote-debugging-port=0",
                        "about:blank")
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("chromium.log").toFile())
                .start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "chromium did not start: " + Files.readString(workDir.resolve("chromium.log")));
                }
                Thread.sleep(50);
            }
            int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
            HttpClient http = HttpClient.newHttpClient();
            String list = http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            String pageSocket = null;
            for (JsonNode target : JSON.readTree(list)) {
                if (target.path("type").asText().equals("page")) {
                    pageSocket = target.path("webSocketDebuggerUrl").asText();
                    break;
                }
            }
            if (pageSocket == null) {
                throw new IllegalStateException("chromium has no page: " + list);
            }
            HeadlessChromium[] self = new HeadlessChromium[1];
            WebSocket socket = http.newWebSocketBuilder()
                    .buildAsync(URI.create(pageSocket), new WebSocket.Listener() {
                        private final StringBuilder message = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            message.append(data);
                            if (last) {
                                String text = message.toString();
                                message.setLength(0);
                                while (self[0] == null) {
                                    Thread.onSpinWait();
                                }
                                self[0].receive(text);
                            }
                            webSocket.request(1);
                            return null;
                        }
                    })
                    .get(30, TimeUnit.SECONDS);
            HeadlessChromium browser = new HeadlessChromium(process, socket);
            self[0] = browser;
            browser.send("Runtime.enable", JSON.createObjectNode());
            browser.send("Log.enable", JSON.createObjectNode());
            browser.send("Page.enable", JSON.createObjectNode());
            return browser;
        } catch (Exception | Error e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private void receive(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            errors.add("unreadable DevTools message: " + text);
            return;
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> waiting =
                    pending.remove(message.get("id").asInt());
            if (waiting != null) {
                waiting.complete(message);
            }
            return;
        }
        String method = message.path("method").asText();
        JsonNode params = message.path("params");
        switch (method) {
            case "Page.loadEventFired" -> loaded.complete(null);
            case "Runtime.exceptionThrown" -> errors.add("exception: " + params.path("exceptionDetails"));
            case "Runtime.consoleAPICalled" -> {
                String type = params.path("type").asText();
                if (type.equals("error") || type.equals("assert") || type.equals("warning")) {
                    errors.add("console." + type + ": " + params.path("args"));
                }
            }
            case "Log.entryAdded" -> {
                String level = params.path("entry").path("level").asText();
                if (level.equals("error") || level.equals("warning")) {
                    errors.add("log " + level + ": "
                            + params.path("entry").path("text").asText());
                }
            }
            default -> {}
        }
    }

    /** Sends one DevTools command and waits for its result. */
    JsonNode send(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        socket.sendText(JSON.writeValueAsString(message), true).get(30, TimeUnit.SECONDS);
        JsonNode reply = answer.get(60, TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IllegalStateException(method + ": " + reply.get("error"));
        }
        return reply.path("result");
    }

    /** Opens {@code file} and waits until it has loaded and its scripts have run. */
    void open(Path file) throws Exception {
        loaded = new CompletableFuture<>();
        send("Page.navigate", JSON.createObjectNode().put("url", file.toUri().toString()));
        loaded.get(60, TimeUnit.SECONDS);
    }

    /** The value of a JavaScript expression evaluated in the page, as JSON. */
    JsonNode eval(String expression) throws Exception {
        JsonNode result = send(
                "Runtime.evaluate",
                JSON.createObjectNode()
                        .put("expression", expression)
                        .put("returnByValue", true)
                        .put("awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("the page threw: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** A real mouse event at page coordinates (CSS pixels): pressed, released, moved. */
    void mouse(String type, double x, double y, int clickCount) throws Exception {
        ObjectNode params = JSON.createObjectNode()
                .put("type", type)
                .put("x", x)
                .put("y", y)
                .put("button", type.equals("mouseMoved") && clickCount == 0 ? "none" : "left")
                .put("clickCount", clickCount);
        if (!type.equals("mouseMoved") || clickCount > 0) {
            params.put("buttons", type.equals("mouseReleased") ? 0 : 1);
        }
        send("Input.dispatchMouseEvent", params);
    }

    /** A PNG of the viewport. */
    byte[] screenshot() throws Exception {
        JsonNode shot = send("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
        return Base64.getDecoder().decode(shot.path("data").asText());
    }

    /** Every console error or warning, uncaught exception and CSP violation so far. */
    List<String> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // The browser goes anyway.
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
