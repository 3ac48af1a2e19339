package io.photobooth.support;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.photobooth.support.KioskClient.Answer;
import io.photobooth.support.TrafficLedger.Outcome;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One simulated kiosk: until its deadline, customer after customer, it does what a kiosk in a mall
 * does over the public API, on the calling (virtual) thread, and writes every request it started and
 * every answer it did not expect into the {@link TrafficLedger}. The customers, by weight:
 * <ul>
 * <li>{@code converts} (40): pays for 1 to 4 shots of one of the vendor's concepts, uploads each
 * through its presigned PUT, sends the main request, polls the status after a {@code 202}, and
 * downloads every result;</li>
 * <li>{@code streams} (20): the same with the event stream open from before the main request, which
 * must carry {@code queued}, one {@code shot-done} per shot and {@code done} last, and end;</li>
 * <li>{@code retries} (10): two main requests at once and a third after them: each answers the same
 * request, which is converted once;</li>
 * <li>{@code repeats-payment} (5): the pre-request sent twice with one {@code Idempotency-Key} (the
 * same request) and once more with other shots ({@code 422});</li>
 * <li>{@code uploads-late} (5): the main request before the last upload ({@code 409 uploads-missing}
 * naming it), then the upload and the main request again;</li>
 * <li>{@code uploads-no-photo} (5): one shot's upload is no image: the request ends {@code FAILED}
 * with the reason on that shot, its other shots converted;</li>
 * <li>{@code walks-away} (5): pays and never uploads: the expiry sweep must make it {@code EXPIRED};</li>
 * <li>{@code bad-input} (10): a call the API refuses with a 4xx problem of a stable type.</li>
 * </ul>
 * Between customers the kiosk idles up to {@code pause}.
 */
public final class TrafficKiosk implements Runnable {

    /** A vendor whose kiosks make traffic: its API key and the concepts it sells. */
    public record Vendor(String name, String apiKey, List<String> concepts) {
    }

    private static final String PROBLEM = "urn:photobooth:problem:";
    private static final byte[] NO_PHOTO = "these bytes are no photo".getBytes(StandardCharsets.US_ASCII);
    private static final Duration FINAL_WITHIN = Duration.ofSeconds(90);
    private static final List<int[]> SIZES = List.of(new int[] {64, 48}, new int[] {48, 64}, new int[] {96, 96},
            new int[] {160, 120});
    private static final List<byte[]> PHOTOS = SIZES.stream()
            .map(size -> TestPhotos.portrait(size[0], size[1], new Color(size[0] * 1000 + size[1]))).toList();

    private final String name;
    private final TrafficClient client;
    private final TrafficLedger ledger;
    private final List<Vendor> vendors;
    private final long deadlineNanos;
    private final Duration pause;
    private final Random random;

    public TrafficKiosk(String name, TrafficClient client, TrafficLedger ledger, List<Vendor> vendors,
            Duration runFor, Duration pause, long seed) {
        this.name = name;
        this.client = client;
        this.ledger = ledger;
        this.vendors = List.copyOf(vendors);
        this.deadlineNanos = System.nanoTime() + runFor.toNanos();
        this.pause = pause;
        this.random = new Random(seed);
    }

    @Override
    public void run() {
        while (System.nanoTime() < deadlineNanos) {
            String customer = pickCustomer();
            ledger.visited(customer);
            try {
                serve(customer);
                Thread.sleep(random.nextLong(pause.toMillis() + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                ledger.anomaly(name + " " + customer + ": " + e);
            }
        }
    }

    private String pickCustomer() {
        int roll = random.nextInt(100);
        if (roll < 40) {
            return "converts";
        } else if (roll < 60) {
            return "streams";
        } else if (roll < 70) {
            return "retries";
        } else if (roll < 75) {
            return "repeats-payment";
        } else if (roll < 80) {
            return "uploads-late";
        } else if (roll < 85) {
            return "uploads-no-photo";
        } else if (roll < 90) {
            return "walks-away";
        }
        return "bad-input";
    }

    private void serve(String customer) throws InterruptedException {
        switch (customer) {
            case "converts" -> converts(false);
            case "streams" -> converts(true);
            case "retries" -> retries();
            case "repeats-payment" -> repeatsPayment();
            case "uploads-late" -> uploadsLate();
            case "uploads-no-photo" -> uploadsNoPhoto();
            case "walks-away" -> walksAway();
            default -> badInput();
        }
    }

    /** A paid request of this kiosk: its vendor, concept, photos and the pre-request's answer. */
    private record Paid(int vendorIndex, Vendor vendor, int conceptIndex, String requestId, byte[][] photos,
            JsonNode uploads) {
        int shots() {
            return photos.length;
        }
    }

    private Paid pay(int minShots, Outcome expected) {
        int vendorIndex = random.nextInt(vendors.size());
        Vendor vendor = vendors.get(vendorIndex);
        int conceptIndex = random.nextInt(vendor.concepts().size());
        int shots = minShots + random.nextInt(4 - minShots + 1);
        Answer pre = client.preRequest(vendor.apiKey(), null,
                "{\"concept\":\"" + vendor.concepts().get(conceptIndex) + "\",\"shots\":" + shots + "}");
        ledger.answered("pre-request", pre.status());
        if (pre.status() != 201) {
            throw new IllegalStateException("pre-request answered " + pre.status() + " " + body(pre));
        }
        String requestId = pre.json().get("requestId").asText();
        ledger.started(requestId, vendorIndex, conceptIndex, shots, expected);
        byte[][] photos = new byte[shots][];
        for (int shot = 0; shot < shots; shot++) {
            photos[shot] = PHOTOS.get(random.nextInt(PHOTOS.size()));
        }
        return new Paid(vendorIndex, vendor, conceptIndex, requestId, photos, pre.json().get("uploads"));
    }

    private void upload(Paid paid, JsonNode uploads, int shot, byte[] photo) {
        JsonNode upload = uploads.get(shot - 1);
        int status = client.upload(upload.get("url").asText(), upload.get("headers").get("Content-Type").asText(), photo);
        ledger.answered("upload", status);
        if (status != 200) {
            throw new IllegalStateException("upload of shot " + shot + " of " + paid.requestId() + " answered " + status);
        }
    }

    private void uploadAll(Paid paid, JsonNode uploads) {
        for (int shot = 1; shot <= paid.shots(); shot++) {
            upload(paid, uploads, shot, paid.photos()[shot - 1]);
        }
    }

    private void converts(boolean streams) throws InterruptedException {
        Paid paid = pay(1, Outcome.DONE);
        CompletableFuture<TrafficClient.Events> events = streams
                ? CompletableFuture.supplyAsync(() -> client.events(paid.vendor().apiKey(), paid.requestId()),
                        command -> Thread.ofVirtual().start(command))
                : null;
        uploadAll(paid, paid.uploads());
        JsonNode finished = untilFinished(paid, mainRequest(paid));
        expectConverted(paid, finished, 0);
        if (streams) {
            expectStreamed(paid, events, "done");
        }
    }

    private void retries() throws InterruptedException {
        Paid paid = pay(1, Outcome.DONE);
        uploadAll(paid, paid.uploads());
        CompletableFuture<Answer> first = CompletableFuture.supplyAsync(() -> mainRequest(paid),
                command -> Thread.ofVirtual().start(command));
        Answer second = mainRequest(paid);
        untilFinished(paid, first.join());
        untilFinished(paid, second);
        Answer third = mainRequest(paid);
        if (third.status() != 200) {
            ledger.anomaly(name + " retried main request of finished " + paid.requestId() + " answered "
                    + third.status());
        }
        expectConverted(paid, third.json(), 0);
    }

    private void repeatsPayment() throws InterruptedException {
        Vendor vendor = vendors.get(0);
        String concept = vendor.concepts().get(random.nextInt(vendor.concepts().size()));
        int shots = 1 + random.nextInt(3);
        String payment = UUID.randomUUID().toString();
        String body = "{\"concept\":\"" + concept + "\",\"shots\":" + shots + "}";
        Answer pre = client.preRequest(vendor.apiKey(), payment, body);
        ledger.answered("pre-request", pre.status());
        if (pre.status() != 201) {
            throw new IllegalStateException("pre-request answered " + pre.status() + " " + body(pre));
        }
        String requestId = pre.json().get("requestId").asText();
        ledger.started(requestId, 0, vendor.concepts().indexOf(concept), shots, Outcome.DONE);
        Answer again = client.preRequest(vendor.apiKey(), payment, body);
        ledger.answered("pre-request again", again.status());
        if (again.status() != 200 || !requestId.equals(again.json().get("requestId").asText())) {
            ledger.anomaly(name + " repeated pre-request of " + requestId + " answered " + again.status() + " "
                    + body(again));
            return;
        }
        Answer other = client.preRequest(vendor.apiKey(), payment,
                "{\"concept\":\"" + concept + "\",\"shots\":" + (shots + 1) + "}");
        ledger.answered("pre-request reused key", other.status());
        expectProblem(other, 422, "idempotency-key-reused");
        byte[][] photos = new byte[shots][];
        for (int shot = 0; shot < shots; shot++) {
            photos[shot] = PHOTOS.get(random.nextInt(PHOTOS.size()));
        }
        Paid paid = new Paid(0, vendor, vendor.concepts().indexOf(concept), requestId, photos,
                again.json().get("uploads"));
        uploadAll(paid, again.json().get("uploads"));
        expectConverted(paid, untilFinished(paid, mainRequest(paid)), 0);
    }

    private void uploadsLate() throws InterruptedException {
        Paid paid = pay(2, Outcome.DONE);
        for (int shot = 1; shot < paid.shots(); shot++) {
            upload(paid, paid.uploads(), shot, paid.photos()[shot - 1]);
        }
        Answer early = mainRequest(paid);
        expectProblem(early, 409, "uploads-missing");
        if (early.json() != null && !("[" + paid.shots() + "]").equals(String.valueOf(early.json().get("missingShots")))) {
            ledger.anomaly(name + " early main request of " + paid.requestId() + " named missing shots "
                    + early.json().get("missingShots") + ", not [" + paid.shots() + "]");
        }
        upload(paid, paid.uploads(), paid.shots(), paid.photos()[paid.shots() - 1]);
        expectConverted(paid, untilFinished(paid, mainRequest(paid)), 0);
    }

    private void uploadsNoPhoto() throws InterruptedException {
        Paid paid = pay(1, Outcome.FAILED);
        int noPhoto = 1 + random.nextInt(paid.shots());
        for (int shot = 1; shot <= paid.shots(); shot++) {
            upload(paid, paid.uploads(), shot, shot == noPhoto ? NO_PHOTO : paid.photos()[shot - 1]);
        }
        expectConverted(paid, untilFinished(paid, mainRequest(paid)), noPhoto);
    }

    private void walksAway() {
        pay(1, Outcome.EXPIRED);
    }

    private void badInput() {
        Vendor vendor = vendors.get(random.nextInt(vendors.size()));
        switch (random.nextInt(7)) {
            case 0 -> expectProblem(bad("POST", "/api/v1/requests", vendor.apiKey(), "application/json",
                    "{\"concept\":\"anime\"}"), 400, "unknown-concept");
            case 1 -> expectProblem(bad("POST", "/api/v1/requests", vendor.apiKey(), "application/json",
                    "{\"concept\":\"" + vendor.concepts().get(0) + "\",\"shots\":5}"), 400, "invalid-shots");
            case 2 -> expectProblem(bad("POST", "/api/v1/requests", vendor.apiKey(), "application/json",
                    "{\"concept\":"), 400, "malformed-request");
            case 3 -> expectProblem(bad("GET", "/api/v1/concepts", "no-vendor-has-this-key", null, null),
                    401, "unauthorized");
            case 4 -> expectProblem(bad("GET", "/api/v1/requests/" + UUID.randomUUID(), vendor.apiKey(), null, null),
                    404, "unknown-request");
            case 5 -> expectProblem(bad("POST", "/api/v1/requests/not-a-request/conversion", vendor.apiKey(), null,
                    null), 404, "unknown-request");
            default -> expectProblem(bad("POST", "/api/v1/requests", vendor.apiKey(), "text/plain",
                    "{\"concept\":\"" + vendor.concepts().get(0) + "\"}"), 415, "unsupported-media-type");
        }
    }

    private Answer bad(String method, String path, String apiKey, String contentType, String body) {
        Answer answer = client.call(method, path, apiKey, contentType, body);
        ledger.answered("bad-input", answer.status());
        return answer;
    }

    private Answer mainRequest(Paid paid) {
        long start = System.nanoTime();
        Answer answer = client.conversion(paid.vendor().apiKey(), paid.requestId());
        ledger.mainRequestTook(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        ledger.answered("conversion", answer.status());
        return answer;
    }

    /**
     * The request's finished answer: the main request's own when it is {@code 200}; after a
     * {@code 202}, the status polled until the request is finished, as the answer's
     * {@code statusUrl} says. Anything else, or no finished state within a minute and a half, is
     * an anomaly, and the result is null.
     */
    private JsonNode untilFinished(Paid paid, Answer main) throws InterruptedException {
        if (main.status() == 200) {
            return main.json();
        }
        if (main.status() != 202 || !("/api/v1/requests/" + paid.requestId()).equals(main.json().get("statusUrl").asText())) {
            ledger.anomaly(name + " main request of " + paid.requestId() + " answered " + main.status() + " " + body(main));
            return null;
        }
        long until = System.nanoTime() + FINAL_WITHIN.toNanos();
        while (System.nanoTime() < until) {
            Thread.sleep(250);
            Answer status = client.status(paid.vendor().apiKey(), paid.requestId());
            ledger.answered("status", status.status());
            if (status.status() == 200 && finished(status.json().get("status").asText())) {
                return status.json();
            }
        }
        ledger.anomaly(name + " " + paid.requestId() + " not finished " + FINAL_WITHIN + " after its 202");
        return null;
    }

    private static boolean finished(String status) {
        return status.equals("DONE") || status.equals("FAILED") || status.equals("EXPIRED");
    }

    /**
     * The finished request has every shot {@code DONE} but {@code noPhoto} (0: none), which is
     * {@code FAILED} with its reason, and every result downloads as an image of its photo's size.
     */
    private void expectConverted(Paid paid, JsonNode finished, int noPhoto) {
        if (finished == null) {
            return;
        }
        String expected = noPhoto == 0 ? "DONE" : "FAILED";
        if (!expected.equals(finished.get("status").asText())) {
            ledger.anomaly(name + " " + paid.requestId() + " ended " + finished + ", expected " + expected);
            return;
        }
        List<JsonNode> results = KioskClient.list(finished.get("results"));
        if (results.size() != paid.shots()) {
            ledger.anomaly(name + " " + paid.requestId() + " has " + results.size() + " results for " + paid.shots()
                    + " shots");
            return;
        }
        for (JsonNode result : results) {
            int shot = result.get("shot").asInt();
            if (shot == noPhoto) {
                if (!"FAILED".equals(result.get("status").asText()) || result.get("error") == null) {
                    ledger.anomaly(name + " shot " + shot + " of " + paid.requestId() + " (no photo) ended " + result);
                }
                continue;
            }
            if (!"DONE".equals(result.get("status").asText()) || result.get("url") == null) {
                ledger.anomaly(name + " shot " + shot + " of " + paid.requestId() + " ended " + result);
                continue;
            }
            expectDownloadable(paid.requestId(), shot, result.get("url").asText(), paid.photos()[shot - 1], client,
                    ledger, name);
        }
    }

    /**
     * The result behind a presigned URL downloads as a decodable image, of the photo's size where
     * the photo is given.
     */
    public static void expectDownloadable(String requestId, int shot, String url, byte[] photo, TrafficClient client,
            TrafficLedger ledger, String who) {
        Answer download = client.download(url);
        ledger.answered("download", download.status());
        if (download.status() != 200) {
            ledger.anomaly(who + " result of shot " + shot + " of " + requestId + " answered " + download.status());
            return;
        }
        BufferedImage result = TestPhotos.decode(download.body());
        BufferedImage input = photo == null ? result : TestPhotos.decode(photo);
        if (result == null || result.getWidth() != input.getWidth() || result.getHeight() != input.getHeight()) {
            ledger.anomaly(who + " result of shot " + shot + " of " + requestId + " is no image of the photo's size");
        }
    }

    private void expectStreamed(Paid paid, CompletableFuture<TrafficClient.Events> events, String last) {
        TrafficClient.Events stream;
        try {
            stream = events.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            ledger.anomaly(name + " event stream of " + paid.requestId() + " did not end after the request finished: "
                    + e);
            return;
        }
        ledger.answered("events", stream.status());
        List<String> types = stream.types();
        long shotsDone = types.stream().filter("shot-done"::equals).count();
        long processing = types.stream().filter("processing"::equals).count();
        if (stream.status() != 200 || types.isEmpty() || !"queued".equals(types.getFirst())
                || !last.equals(types.getLast()) || shotsDone != paid.shots() || processing > paid.shots()
                || types.size() != 2 + shotsDone + processing) {
            ledger.anomaly(name + " event stream of " + paid.requestId() + " (" + paid.shots() + " shots) carried "
                    + stream.status() + " " + types);
        }
    }

    private void expectProblem(Answer answer, int status, String type) {
        if (answer.status() != status || !answer.contentType().startsWith("application/problem+json")
                || answer.json() == null || !(PROBLEM + type).equals(answer.json().path("type").asText())) {
            ledger.anomaly(name + " expected " + status + " " + type + ", got " + answer.status() + " " + body(answer));
        }
    }

    private static String body(Answer answer) {
        return answer.json() != null ? answer.json().toString()
                : new String(answer.body(), 0, Math.min(answer.body().length, 300), StandardCharsets.UTF_8);
    }
}
