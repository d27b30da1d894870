using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;

namespace MongoBackup.Client
{
    /// <summary>
    /// The one classifier of transport failures, shared by API calls and downloads: which HTTP statuses and which
    /// exceptions are transient, whether a connection was ever made, and one readable line for an exception chain.
    /// </summary>
    internal static class Failures
    {
        /// <summary>HTTP statuses worth another attempt: 408, 429 and every 5xx.</summary>
        public static bool IsTransientStatus(int status) => status == 408 || status == 429 || status >= 500;

        /// <summary>An exception of the connection itself (refused, reset, closed early, DNS), not of the answer's content.</summary>
        public static bool IsConnectionFailure(Exception e) =>
            e is HttpRequestException || e is IOException || e is ObjectDisposedException || e is WebException || e is SocketException;

        /// <summary>Whether the exception chain says no connection was ever made (so the request never reached the service).</summary>
        public static bool ConnectionNeverMade(Exception e, out bool hostNotFound)
        {
            hostNotFound = false;
            for (Exception inner = e; inner != null; inner = inner.InnerException)
            {
                if (inner is SocketException socket)
                {
                    switch (socket.SocketErrorCode)
                    {
                        case SocketError.HostNotFound:
                        case SocketError.NoData:
                        case SocketError.TryAgain:
                            hostNotFound = true;
                            return true;
                        case SocketError.ConnectionRefused:
                        case SocketError.HostUnreachable:
                        case SocketError.NetworkUnreachable:
                        case SocketError.AddressNotAvailable:
                            return true;
                    }
                }
                if (inner is WebException web)
                {
                    if (web.Status == WebExceptionStatus.NameResolutionFailure) { hostNotFound = true; return true; }
                    if (web.Status == WebExceptionStatus.ConnectFailure) return true;
                }
            }
            return false;
        }

        /// <summary>The messages of an exception and its inner exceptions, each once, on one line.</summary>
        public static string Describe(Exception e)
        {
            var sb = new StringBuilder(e.Message);
            for (Exception inner = e.InnerException; inner != null; inner = inner.InnerException)
                if (!string.IsNullOrEmpty(inner.Message) && sb.ToString().IndexOf(inner.Message, StringComparison.Ordinal) < 0)
                    sb.Append(' ').Append(inner.Message);
            return sb.ToString();
        }
    }
}
