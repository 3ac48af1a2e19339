package io.photobooth.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.photobooth.local.LocalPorts;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A moto server, the AWS emulator that the build installs into {@code target/moto-venv}, for EC2,
 * SQS and S3 (path-style, all at one endpoint). It is started once per JVM on 127.0.0.1 and a free port, writes its output to
 * {@code target/moto-server.log} and is stopped when the JVM exits.
 */
public final class MotoServer {

    /** An AMI of moto's built-in catalogue. */
    public static final String AMI = "ami-12c6146b";

    private static final Path MOTO_SERVER = Path.of("target", "moto-venv", "bin", "moto_server");
    private static final Path LOG = Path.of("target", "moto-server.log");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private static MotoServer instance;

    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Ec2Client ec2;
    private final SqsClient sqs;
    private final S3Client s3;

    private MotoServer(URI endpoint) {
        this.endpoint = endpoint;
        SdkHttpClient awsHttp = ApacheHttpClient.create();
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
        this.ec2 = Ec2Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(awsHttp).build();
        this.sqs = SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(awsHttp).build();
        this.s3 = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(credentials).httpClient(awsHttp).build();
    }

    /** The server of this JVM, started on first use. */
    public static synchronized MotoServer get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Forgets every resource created so far (instances, queues, ...). */
    public void reset() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("moto reset answered " + response.statusCode() + ": " + response.body());
        }
    }

    public Ec2Client ec2() {
        return ec2;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public S3Client s3() {
        return s3;
    }

    /**
     * Creates the queue {@code name} and its dead-letter queue {@code name-dlq}, with a redrive
     * policy that moves a message there after {@code maxReceiveCount} receives, as the deploy stack
     * provisions a jobs queue; answers the queue's URL.
     */
    public String createQueueWithDeadLetterQueue(String name, int maxReceiveCount) {
        String deadLetterUrl = sqs.createQueue(create -> create.queueName(name + "-dlq")).queueUrl();
        String deadLetterArn = sqs.getQueueAttributes(get -> get.queueUrl(deadLetterUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        String redrivePolicy = "{\"deadLetterTargetArn\":\"" + deadLetterArn + "\",\"maxReceiveCount\":\""
                + maxReceiveCount + "\"}";
        return sqs.createQueue(create -> create.queueName(name)
                .attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, redrivePolicy))).queueUrl();
    }

    /** Runs {@code count} instances of {@link #AMI} and stops them; moto reports them stopped at once. */
    public List<String> createStoppedInstances(int count) {
        List<String> ids = ec2.runInstances(run -> run.imageId(AMI).instanceType(InstanceType.T3_MICRO)
                .minCount(count).maxCount(count)).instances().stream().map(Instance::instanceId).toList();
        ec2.stopInstances(stop -> stop.instanceIds(ids));
        return ids;
    }

    private static MotoServer start() {
        if (!Files.isExecutable(MOTO_SERVER)) {
            throw new IllegalStateException(MOTO_SERVER.toAbsolutePath() + " is missing: the build installs it"
                    + " in process-test-resources, which needs Python 3 with the venv module");
        }
        int port = LocalPorts.freePort();
        Process process;
        try {
            process = new ProcessBuilder(MOTO_SERVER.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(LOG.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + MOTO_SERVER.toAbsolutePath(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process), "moto-server-stop"));
        MotoServer server = new MotoServer(URI.create("http://127.0.0.1:" + port));
        server.awaitAnswer(process);
        return server;
    }

    private void awaitAnswer(Process process) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            while (System.nanoTime() < deadline && process.isAlive()) {
                if (answers(request)) {
                    return;
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String exited = process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")";
        stop(process);
        throw new IllegalStateException("moto server did not answer on " + endpoint + " within " + STARTUP_TIMEOUT
                + exited + "; see " + LOG.toAbsolutePath());
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private boolean answers(HttpRequest request) throws InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListeningYet) {
            return false;
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("moto server at " + endpoint + " did not answer; see "
                    + LOG.toAbsolutePath(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling the moto server", e);
        }
    }
}
