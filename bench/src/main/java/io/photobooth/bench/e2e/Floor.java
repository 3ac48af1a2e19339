package io.photobooth.bench.e2e;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The floor of one conversion: the hops the service makes for one shot, made directly with the AWS SDK
 * and Lettuce in one thread, with no Camel, no Spring, no database and no waiting: S3 head of the
 * upload, SQS send of the job, SQS receive, S3 get of the upload, S3 put of the result, Redis publish
 * until the pattern subscriber has the message, and the presigned GET of the result. The upload it
 * reads is put before, and the job deleted after, untimed. It uses a queue and channels of its own,
 * so that the service's routes never see its messages.
 */
public final class Floor implements AutoCloseable {

    public static final List<String> HOPS =
            List.of("s3 head", "sqs send", "sqs receive", "s3 get", "s3 put", "redis pub/sub", "s3 presign");

    private final Clients clients;
    private final byte[] photo;
    private final String queueUrl;
    private final StatefulRedisConnection<String, String> publisher;
    private final StatefulRedisPubSubConnection<String, String> subscriber;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private Samples total = new Samples();
    private final Map<String, Samples> hops = new LinkedHashMap<>();

    public Floor(Clients clients, byte[] photo) {
        this.clients = clients;
        this.photo = photo;
        this.queueUrl = clients.sqs.createQueue(b -> b.queueName("bench-floor")).queueUrl();
        this.publisher = clients.redis.connect();
        this.subscriber = clients.redis.connectPubSub();
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String pattern, String channel, String message) {
                received.add(message);
            }
        });
        subscriber.sync().psubscribe("bench:floor:*");
        reset();
    }

    /** Forgets the samples taken so far (after a warm-up). */
    public void reset() {
        total = new Samples();
        HOPS.forEach(hop -> hops.put(hop, new Samples()));
    }

    /** Runs {@code iterations} conversions' hops, one after the other, adding to the samples. */
    public void run(int iterations) throws InterruptedException {
        for (int i = 0; i < iterations; i++) {
            once();
        }
    }

    private void once() throws InterruptedException {
        String id = UUID.randomUUID().toString();
        String upload = "bench/floor/uploads/" + id + ".jpg";
        String result = "bench/floor/results/" + id + ".jpg";
        clients.s3.putObject(b -> b.bucket(Clients.BUCKET).key(upload).contentType("image/jpeg"), RequestBody.fromBytes(photo));
        String job = "{\"requestId\":\"" + id + "\",\"shot\":1,\"inputKey\":\"" + upload + "\",\"outputKey\":\"" + result
                + "\",\"concept\":\"sketch\",\"enqueuedAt\":\"2026-11-26T08:00:00Z\"}";

        long start = System.nanoTime();
        long t = start;
        clients.s3.headObject(b -> b.bucket(Clients.BUCKET).key(upload));
        t = hop("s3 head", t);
        clients.sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(job));
        t = hop("sqs send", t);
        List<Message> messages = List.of();
        while (messages.isEmpty()) {
            messages = clients.sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(1).waitTimeSeconds(1)).messages();
        }
        t = hop("sqs receive", t);
        byte[] photoRead = clients.s3.getObjectAsBytes(b -> b.bucket(Clients.BUCKET).key(upload)).asByteArray();
        t = hop("s3 get", t);
        clients.s3.putObject(b -> b.bucket(Clients.BUCKET).key(result).contentType("image/jpeg"), RequestBody.fromBytes(photoRead));
        t = hop("s3 put", t);
        publisher.sync().publish("bench:floor:" + id, "{\"requestId\":\"" + id + "\",\"shot\":1,\"status\":\"DONE\"}");
        String notice = received.poll(5, TimeUnit.SECONDS);
        if (notice == null || !notice.contains(id)) {
            throw new IllegalStateException("the floor's Redis subscriber did not receive " + id + " (got " + notice + ")");
        }
        t = hop("redis pub/sub", t);
        clients.presigner.presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(10))
                .getObjectRequest(g -> g.bucket(Clients.BUCKET).key(result))).url();
        t = hop("s3 presign", t);
        total.add(t - start);

        String receipt = messages.get(0).receiptHandle();
        clients.sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(receipt));
    }

    private long hop(String name, long since) {
        long now = System.nanoTime();
        hops.get(name).add(now - since);
        return now;
    }

    public Samples total() {
        return total;
    }

    public Map<String, Samples> hops() {
        return hops;
    }

    @Override
    public void close() {
        subscriber.close();
        publisher.close();
    }
}
