using System.Net.Sockets;
using System.Text;

namespace Gateway.Tests.Support;

/// <summary>HTTP/1.1 over a bare socket, for requests no HTTP client would send.</summary>
internal static class RawHttp
{
    public static async Task<Socket> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", port);
        return socket;
    }

    /// <summary>Sends <paramref name="request"/> as it is and returns the answer, headers and body.</summary>
    public static async Task<string> SendAsync(int port, string request, TimeSpan limit)
    {
        using var socket = await ConnectAsync(port);
        await socket.SendAsync(Encoding.UTF8.GetBytes(request));
        return await ReadAnswerAsync(socket, limit);
    }

    /// <summary>Reads until the server has sent a whole answer or closed; fails past <paramref name="limit"/>.</summary>
    public static async Task<string> ReadAnswerAsync(Socket socket, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        var received = new StringBuilder();
        var buffer = new byte[8192];
        while (true)
        {
            int read;
            try
            {
                read = await socket.ReceiveAsync(buffer, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"no complete answer within {limit}: '{received}'");
                throw;
            }
            catch (SocketException)
            {
                return received.ToString();
            }

            if (read == 0)
            {
                return received.ToString();
            }

            received.Append(Encoding.UTF8.GetString(buffer, 0, read));
            var text = received.ToString();
            var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (headerEnd >= 0 && IsComplete(text, headerEnd))
            {
                return text;
            }
        }
    }

    private static bool IsComplete(string text, int headerEnd)
    {
        var lengthLine = text[..headerEnd].Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        if (lengthLine is not null)
        {
            return text.Length - headerEnd - 4 >= int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }

        return !text[..headerEnd].Contains("chunked", StringComparison.OrdinalIgnoreCase) || text.EndsWith("0\r\n\r\n", StringComparison.Ordinal);
    }
}
