// Newer BCL members the shared test files use, for the .NET Framework 4.7.2 build only.
using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace System
{
    /// <summary>The C# index-from-end operator (^1) needs this type; the .NET Framework has none.</summary>
    internal readonly struct Index
    {
        private readonly int _value;

        public Index(int value, bool fromEnd = false) => _value = fromEnd ? ~value : value;

        public static implicit operator Index(int value) => new Index(value);

        public int GetOffset(int length) => _value < 0 ? length + _value + 1 : _value;
    }

    internal static class StringPolyfills
    {
        public static string[] Split(this string text, string separator) => text.Split(new[] { separator }, StringSplitOptions.None);
    }
}

namespace MongoBackup.Tests
{
    internal static class TaskPolyfills
    {
        public static async Task WaitAsync(this Task task, TimeSpan timeout)
        {
            if (await Task.WhenAny(task, Task.Delay(timeout)).ConfigureAwait(false) != task) throw new TimeoutException();
            await task.ConfigureAwait(false);
        }

        public static async Task<T> WaitAsync<T>(this Task<T> task, TimeSpan timeout)
        {
            if (await Task.WhenAny(task, Task.Delay(timeout)).ConfigureAwait(false) != task) throw new TimeoutException();
            return await task.ConfigureAwait(false);
        }

        public static Task<string> ReadAsStringAsync(this HttpContent content, CancellationToken cancellationToken) => content.ReadAsStringAsync();

        public static Task<byte[]> ReadAsByteArrayAsync(this HttpContent content, CancellationToken cancellationToken) => content.ReadAsByteArrayAsync();
    }
}
