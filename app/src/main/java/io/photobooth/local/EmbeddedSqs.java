package io.photobooth.local;

import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.elasticmq.NodeAddress;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.util.NowProvider;

import scala.Option;
import scala.concurrent.Await;
import scala.concurrent.duration.Duration;

/**
 * ElasticMQ serving the SQS API on loopback. Queues live in memory and are created at start-up.
 * The queues and their messages belong to a queue manager that outlives the HTTP server, so that
 * {@link #stop} and {@link #start} play an SQS outage as AWS would have one: the endpoint refuses
 * connections meanwhile, and every queue, job and visibility timeout is still there afterwards.
 */
public final class EmbeddedSqs implements AutoCloseable {

    private final int port;
    private final ActorSystem actors = ActorSystem.create("embedded-sqs");
    private final ActorRef queues = actors.actorOf(Props.create(QueueManagerActor.class,
            () -> new QueueManagerActor(new NowProvider(), StrictSQSLimits$.MODULE$, Option.empty())));
    private SQSRestServer server;

    public EmbeddedSqs(int port) {
        this.port = port;
        try {
            start();
        } catch (RuntimeException e) {
            actors.terminate();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    /** Stops serving the API on the port (open connections are closed); the queues stay. */
    public synchronized void stop() {
        if (server != null) {
            server.stopAndWait();
            server = null;
        }
    }

    /** Serves the API on the same port again; a running server is left as it is. */
    public synchronized void start() {
        if (server == null) {
            server = SQSRestServerBuilder
                    .withActorSystem(actors)
                    .withQueueManagerActor(queues)
                    .withInterface("127.0.0.1")
                    .withPort(port)
                    .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                    .start();
            server.waitUntilStarted();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            stop();
        } finally {
            Await.result(actors.terminate(), Duration.create(30, "s"));
        }
    }
}
