using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace MongoBackup.Tests.Transfer
{
    /// <summary>
    /// The body of one fake answer: object bytes [from, from + length), served in reads of at most MaxRead bytes,
    /// optionally slow (a wait per read), dropped (IOException) or stalled (no byte until disposed or cancelled)
    /// after a number of bytes. Disposing it ends the request in the store's books.
    /// </summary>
    internal sealed class FakeBody : Stream
    {
        private readonly FakeObjectStore _store;
        private readonly byte[] _prefix;
        private readonly long _from;
        private readonly long _length;
        private readonly BodyFault _fault;
        private readonly Action _onClose;
        private readonly TaskCompletionSource<bool> _disposed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _served;
        private int _closed;

        public FakeBody(FakeObjectStore store, long from, long length, BodyFault fault, Action onClose)
        {
            _store = store;
            _from = from;
            _length = length;
            _fault = fault;
            _onClose = onClose;
        }

        /// <summary>A body of fixed bytes (an error document).</summary>
        public FakeBody(byte[] document, Action onClose)
        {
            _prefix = document;
            _length = document.Length;
            _onClose = onClose;
        }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken token)
        {
            if (Volatile.Read(ref _closed) != 0) throw new ObjectDisposedException(nameof(FakeBody));
            if (_served >= _length) return 0;
            if (_fault != null && _served >= _fault.AfterBytes)
            {
                if (_fault.Kind == FaultKind.Drop) throw new IOException("The fake connection was reset by the peer.");
                await Task.WhenAny(_disposed.Task, Task.Delay(Timeout.Infinite, token)).ConfigureAwait(false);
                token.ThrowIfCancellationRequested();
                throw new ObjectDisposedException(nameof(FakeBody));
            }
            if (_store?.ReadDelay > TimeSpan.Zero)
                await Task.Delay(_store.ReadDelay, token).ConfigureAwait(false);
            long limit = _length - _served;
            if (_fault != null) limit = Math.Min(limit, _fault.AfterBytes - _served);
            int n = (int)Math.Min(Math.Min(count, limit), _store?.MaxRead ?? int.MaxValue);
            if (_prefix != null) Buffer.BlockCopy(_prefix, (int)_served, buffer, offset, n);
            else
            {
                FakeObjectStore.Fill(buffer, offset, _from + _served, n);
                long flip = _store.FlipAt - (_from + _served);
                if (flip >= 0 && flip < n) buffer[offset + flip] ^= 0xFF;
                _store.CountServed(n);
            }
            _served += n;
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        protected override void Dispose(bool disposing)
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
            {
                _disposed.TrySetResult(true);
                _onClose();
            }
            base.Dispose(disposing);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _served; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    internal enum FaultKind { Drop, Stall }

    internal sealed class BodyFault
    {
        public FaultKind Kind { get; set; }
        public long AfterBytes { get; set; }
    }
}
