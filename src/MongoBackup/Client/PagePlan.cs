using System;

namespace MongoBackup.Client
{
    /// <summary>
    /// The Limit/Offset arithmetic of a paged Describe* call under PowerShell's -First/-Skip: where the next page
    /// starts, how many to ask for (never more than -First still needs), how many of a page to emit, and when to stop
    /// (enough emitted, TotalCount reached, or an empty page).
    /// </summary>
    internal sealed class PagePlan
    {
        private readonly int _pageSize;
        private ulong _remaining;

        /// <param name="offset">The user's -Offset.</param>
        /// <param name="pageSize">The user's -Limit (the API's maximum page size).</param>
        /// <param name="skip">PowerShell's -Skip: added to the offset.</param>
        /// <param name="first">PowerShell's -First (ulong.MaxValue when not given).</param>
        /// <param name="needTotal">-IncludeTotalCount: with -First 0, one request of Limit 1 still asks for TotalCount.</param>
        public PagePlan(long offset, int pageSize, ulong skip, ulong first, bool needTotal = false)
        {
            if (offset < 0) throw new ArgumentOutOfRangeException(nameof(offset));
            if (pageSize < 1) throw new ArgumentOutOfRangeException(nameof(pageSize));
            _pageSize = pageSize;
            _remaining = first;
            decimal start = offset + (decimal)skip;
            NextOffset = start > long.MaxValue ? long.MaxValue : (long)start;
            _countOnly = first == 0 && needTotal;
            HasNext = first > 0 || _countOnly;
        }

        private readonly bool _countOnly;

        /// <summary>Whether another request is needed.</summary>
        public bool HasNext { get; private set; }

        public long NextOffset { get; private set; }

        /// <summary>The Limit of the next request.</summary>
        public int NextLimit => _countOnly ? 1 : _remaining < (ulong)_pageSize ? (int)_remaining : _pageSize;

        /// <summary>The TotalCount reported by the last page (null before the first).</summary>
        public long? TotalCount { get; private set; }

        public int Requests { get; private set; }

        /// <summary>Records a page of <paramref name="received"/> items; returns how many of them to emit.</summary>
        public int Accept(int received, long totalCount)
        {
            if (!HasNext) throw new InvalidOperationException("No request was due.");
            int limit = NextLimit;
            Requests++;
            TotalCount = totalCount;
            if (_countOnly)
            {
                HasNext = false;
                return 0;
            }
            int emit = (int)Math.Min((ulong)Math.Min(received, limit), _remaining);
            _remaining -= (ulong)emit;
            NextOffset += received;
            HasNext = _remaining > 0 && received > 0 && NextOffset < totalCount;
            return emit;
        }
    }
}
