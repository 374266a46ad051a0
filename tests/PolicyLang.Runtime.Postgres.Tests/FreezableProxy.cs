using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace PolicyLang.Runtime.Postgres.Tests;

/// <summary>
/// A TCP proxy in front of PostgreSQL that can freeze one connection: it stops forwarding in both directions and keeps both
/// sockets open, as a stalled network path or a hung middlebox would. Neither end learns anything: the client waits for an answer,
/// and the server keeps the session (and an open transaction's locks) alive. Connections are named by the proxy's own port toward
/// the server, which PostgreSQL reports as <c>client_port</c> in <c>pg_stat_activity</c>.
/// </summary>
internal sealed class FreezableProxy : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentDictionary<int, Link> links = new();
    private readonly IPEndPoint server;

    public FreezableProxy(string host, int port)
    {
        server = new IPEndPoint(IPAddress.Parse(host), port);
        listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>Stops forwarding on the connection whose server-side session reports <paramref name="clientPort"/>.</summary>
    public void Freeze(int clientPort) => links[clientPort].Frozen = true;

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        foreach (var link in links.Values)
        {
            link.Close();
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var server = new TcpClient();
            await server.ConnectAsync(this.server);
            var link = new Link(client, server);
            links[((IPEndPoint)server.Client.LocalEndPoint!).Port] = link;
            _ = PumpAsync(link, client.GetStream(), server.GetStream());
            _ = PumpAsync(link, server.GetStream(), client.GetStream());
        }
    }

    private async Task PumpAsync(Link link, NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, stop.Token);
                // Frozen: what arrives is held for ever, and the other side never learns the connection is gone.
                while (link.Frozen)
                {
                    await Task.Delay(Timeout.Infinite, stop.Token);
                }

                if (read == 0)
                {
                    break;
                }

                await to.WriteAsync(buffer.AsMemory(0, read), stop.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // One side closed, or the proxy is disposed.
        }

        if (!link.Frozen)
        {
            link.Close();
        }
    }

    private sealed class Link(TcpClient client, TcpClient server)
    {
        public volatile bool Frozen;

        public void Close()
        {
            client.Dispose();
            server.Dispose();
        }
    }
}
