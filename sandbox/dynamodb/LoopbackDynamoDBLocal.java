// DynamoDB Local bound to 127.0.0.1 only, and gone as soon as the process that started it is.
//
// DynamoDB Local has no host option: DynamoDBProxyServer builds `new org.eclipse.jetty.server.Server(port)`,
// whose connector listens on every interface, so anyone on the network could read and change the sandbox's
// data. This launcher builds the same server from the same arguments (ServerRunner.createServerFromCommandLineArgs),
// sets its Jetty connector's host to the loopback address and its port to one the OS picks (DynamoDB Local's own
// -port refuses 0, so its value is ignored) before it starts, and prints the port it got.
// It never falls back to another address: if the server is not what it expects, it exits with an error.
//
// Its parent keeps this process's stdin open and never writes to it: end of input means the parent is gone
// (exited, crashed or SIGKILLed), and the in-memory database goes with it.
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public final class LoopbackDynamoDBLocal {
  private static final String LOOPBACK = "127.0.0.1";

  public static void main(String[] args) throws Exception {
    Thread watchdog = new Thread(LoopbackDynamoDBLocal::exitWhenParentIsGone, "parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();

    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field serverField = DynamoDBProxyServer.class.getDeclaredField("server");
    serverField.setAccessible(true);
    Server jetty = (Server) serverField.get(proxy);
    Connector[] connectors = jetty.getConnectors();
    if (connectors.length == 0) fail("DynamoDB Local's Jetty server has no connector to bind");
    for (Connector connector : connectors) {
      if (!(connector instanceof ServerConnector)) fail("unexpected Jetty connector " + connector);
      ((ServerConnector) connector).setHost(LOOPBACK);
      ((ServerConnector) connector).setPort(0);
    }
    // safeStart, not start: start() swallows a bind failure and leaves the process running without a listener.
    proxy.safeStart();
    int port = ((ServerConnector) connectors[0]).getLocalPort();
    System.out.println("DynamoDB Local listening on " + LOOPBACK + ":" + port);
    System.out.flush();
    proxy.join();
  }

  private static void exitWhenParentIsGone() {
    try {
      while (System.in.read() != -1) {
        // The parent never writes; anything it might is ignored.
      }
    } catch (java.io.IOException closed) {
      // A broken pipe means the same as end of input.
    }
    Runtime.getRuntime().halt(0);
  }

  private static void fail(String reason) {
    System.err.println("LoopbackDynamoDBLocal: " + reason);
    Runtime.getRuntime().halt(2);
  }
}
