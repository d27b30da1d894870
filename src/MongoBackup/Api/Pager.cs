using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MongoBackup.Client;

namespace MongoBackup.Api
{
    /// <summary>Which items of a listing are wanted, always counted in items: -Offset plus -Skip, -First, the page size.</summary>
    internal sealed class PageWindow
    {
        public PageWindow(long start = 0, ulong first = ulong.MaxValue, int pageSize = 100, bool countOnly = false)
        {
            if (start < 0) throw new ArgumentOutOfRangeException(nameof(start));
            if (pageSize < 1) throw new ArgumentOutOfRangeException(nameof(pageSize));
            Start = start;
            First = first;
            PageSize = pageSize;
            CountOnly = countOnly;
        }

        /// <summary>Every item, in pages of 100.</summary>
        public static PageWindow All { get; } = new PageWindow();

        /// <summary>The index of the first item wanted.</summary>
        public long Start { get; }
        /// <summary>How many items at most (ulong.MaxValue: all).</summary>
        public ulong First { get; }
        public int PageSize { get; }
        /// <summary>-IncludeTotalCount with -First 0: one request for TotalCount, no items.</summary>
        public bool CountOnly { get; }
    }

    /// <summary>One answer of a listing, as the pager hands it on.</summary>
    internal sealed class PageResult<TItem>
    {
        /// <summary>The items to write, in order (empty while the pager is still finding out how Offset is read).</summary>
        public IReadOnlyList<TItem> Items { get; set; }
        public long Offset { get; set; }
        public int Limit { get; set; }
        public int Received { get; set; }
        public long TotalCount { get; set; }
        public string RequestId { get; set; }
        public TimeSpan Elapsed { get; set; }
        /// <summary>What the offset probe found with this answer, when it decided.</summary>
        public string Note { get; set; }
    }

    /// <summary>A listing in progress: ask for the next answer while <see cref="HasMore"/>.</summary>
    internal interface IPager<TItem>
    {
        string ActionName { get; }
        /// <summary>What is listed (an instance ID, or "the instances of a region"), for messages.</summary>
        string Subject { get; }
        bool HasMore { get; }
        long? TotalCount { get; }
        int Requests { get; }
        /// <summary>Set when the listing ended because the service's pages ran out before the TotalCount it reported.</summary>
        TencentCloudException Shortfall { get; }
        Task<PageResult<TItem>> NextAsync(CancellationToken cancellationToken);
    }

    /// <summary>
    /// Drives the Offset and Limit of a paged action and hands on the wanted items page by page, as they arrive. The
    /// user's window is in items whatever the action does with Offset. Where the documentation can be read either way
    /// (DescribeBackupDownloadTask: "the number of pages"), the pager finds out with at most one extra request in the
    /// common case (the first page is the same under both readings; the second, at Offset 1, tells them apart by its
    /// count or by overlapping the first) and remembers the answer for the process. A listing whose pages end before the
    /// TotalCount the service reported ends with <see cref="Shortfall"/> set, never silently short.
    /// </summary>
    internal sealed class Pager<TQuery, TItem> : IPager<TItem>
    {
        private enum Step { Count, Known, Reference, Probe, Guess, GuessProbe }

        private readonly TencentCloudClient _client;
        private readonly ListAction<TQuery, TItem> _action;
        private readonly TQuery _query;
        private readonly OffsetModes _modes;
        private readonly string _endpoint;
        private readonly string _subject;
        private readonly int _pageSize;
        private readonly bool _countOnly;
        private OffsetReading? _mode;
        private long _next;
        private ulong _remaining;
        private List<TItem> _reference;
        private long _referenceStart;

        public Pager(TencentCloudClient client, ListAction<TQuery, TItem> action, TQuery query, PageWindow window, string subject, OffsetModes modes = null)
        {
            _client = client ?? throw new ArgumentNullException(nameof(client));
            _action = action ?? throw new ArgumentNullException(nameof(action));
            window = window ?? PageWindow.All;
            _query = query;
            _modes = modes ?? OffsetModes.Shared;
            _endpoint = client.Settings.Endpoint.GetLeftPart(UriPartial.Authority);
            _subject = subject;
            _pageSize = Clamp(window.PageSize);
            _next = window.Start;
            _remaining = window.First;
            _countOnly = window.CountOnly && window.First == 0;
            // With pages of one item, both readings of Offset ask for the same item.
            _mode = !action.OffsetMayCountPages || _pageSize == 1 ? OffsetReading.Items : _modes.Find(_endpoint, action.Descriptor.Name);
            HasMore = _countOnly || _remaining > 0;
        }

        public string ActionName => _action.Descriptor.Name;
        public string Subject => _subject;
        public bool HasMore { get; private set; }
        public long? TotalCount { get; private set; }
        public int Requests { get; private set; }
        public TencentCloudException Shortfall { get; private set; }

        /// <summary>The reading of Offset in force (null while unknown).</summary>
        internal OffsetReading? Mode => _mode;

        public async Task<PageResult<TItem>> NextAsync(CancellationToken cancellationToken)
        {
            if (!HasMore) throw new InvalidOperationException("The listing is complete.");
            Step step = _countOnly ? Step.Count
                : _mode.HasValue ? Step.Known
                : _reference == null ? (_next < _pageSize ? Step.Reference : Step.Guess)
                : _referenceStart == 0 ? Step.Probe : Step.GuessProbe;

            switch (step)
            {
                case Step.Count:
                {
                    PageResult<TItem> result = await FetchAsync(0, _action.MinLimit, cancellationToken).ConfigureAwait(false);
                    result.Items = Array.Empty<TItem>();
                    HasMore = false;
                    return result;
                }
                case Step.Known:
                    return await KnownAsync(cancellationToken).ConfigureAwait(false);
                case Step.Reference:
                {
                    // Offset 0 asks for the same items under both readings.
                    int limit = Clamp((int)Math.Min((ulong)_pageSize, Saturate(_next, _remaining)));
                    PageResult<TItem> result = await FetchAsync(0, limit, cancellationToken).ConfigureAwait(false);
                    List<TItem> items = Deliver(result, 0);
                    if (HasMore) { _reference = items.Count == 0 ? null : Page(result); _referenceStart = 0; }
                    result.Items = items;
                    return result;
                }
                case Step.Probe:
                {
                    PageResult<TItem> result = await FetchAsync(1, _pageSize, cancellationToken).ConfigureAwait(false);
                    List<TItem> page = Page(result);
                    OffsetReading? found = Decide(_reference, page, result.TotalCount, firstIndexIfItems: 1, firstIndexIfPages: _pageSize);
                    _reference = null;
                    if (!found.HasValue) return Inconsistent(result);
                    Learn(found.Value, result);
                    result.Items = Deliver(result, found == OffsetReading.Items ? 1 : _pageSize);
                    return result;
                }
                case Step.Guess:
                {
                    // Far into the listing with the reading unknown: ask as if Offset counted items; the count tells the
                    // readings apart unless both would give a full page.
                    long start = _next;
                    PageResult<TItem> result = await FetchAsync(start, _pageSize, cancellationToken).ConfigureAwait(false);
                    long total = result.TotalCount;
                    int ifItems = Between(total - start), ifPages = start > long.MaxValue / _pageSize ? 0 : Between(total - start * _pageSize);
                    if (ifItems == ifPages)
                    {
                        if (ifItems == 0) { HasMore = false; result.Items = Array.Empty<TItem>(); return result; }
                        if (result.Received != _pageSize) return Inconsistent(result);
                        _reference = Page(result);
                        _referenceStart = start;
                        result.Items = Array.Empty<TItem>();
                        return result;
                    }
                    if (result.Received == ifItems)
                    {
                        Learn(OffsetReading.Items, result);
                        result.Items = Deliver(result, start);
                        return result;
                    }
                    if (result.Received == ifPages)
                    {
                        Learn(OffsetReading.Pages, result);
                        result.Items = Array.Empty<TItem>();
                        return result;
                    }
                    return Inconsistent(result);
                }
                default: // Step.GuessProbe
                {
                    long start = _referenceStart;
                    PageResult<TItem> result = await FetchAsync(start + 1, _pageSize, cancellationToken).ConfigureAwait(false);
                    List<TItem> page = Page(result);
                    bool items = Overlaps(_reference, page);
                    List<TItem> reference = _reference;
                    _reference = null;
                    Learn(items ? OffsetReading.Items : OffsetReading.Pages, result);
                    if (!items)
                    {
                        result.Items = Array.Empty<TItem>();
                        return result;
                    }
                    var delivered = new List<TItem>();
                    var first = new PageResult<TItem> { Items = reference, Received = reference.Count, Limit = _pageSize, TotalCount = result.TotalCount };
                    delivered.AddRange(Deliver(first, start));
                    if (HasMore) delivered.AddRange(Deliver(result, start + 1));
                    result.Items = delivered;
                    return result;
                }
            }
        }

        private async Task<PageResult<TItem>> KnownAsync(CancellationToken cancellationToken)
        {
            int wanted = Clamp((int)Math.Min((ulong)_pageSize, _remaining));
            if (_mode == OffsetReading.Items)
            {
                PageResult<TItem> result = await FetchAsync(_next, wanted, cancellationToken).ConfigureAwait(false);
                result.Items = Deliver(result, _next);
                return result;
            }
            // Offset is a page index: a page of `limit` items starts at Offset × limit. A smaller last page is used when
            // it lines up with the next item wanted.
            int limit = _next % wanted == 0 ? wanted : _pageSize;
            long page = _next / limit;
            PageResult<TItem> answer = await FetchAsync(page, limit, cancellationToken).ConfigureAwait(false);
            answer.Items = Deliver(answer, page * limit);
            return answer;
        }

        private async Task<PageResult<TItem>> FetchAsync(long offset, int limit, CancellationToken cancellationToken)
        {
            JsonObject body = _action.Write(_query) ?? new JsonObject();
            body[ListAction<TQuery, TItem>.OffsetField] = offset;
            body[ListAction<TQuery, TItem>.LimitField] = (long)limit;
            ApiResponse response = await _client.InvokeAsync(_action.Descriptor, body, cancellationToken).ConfigureAwait(false);
            Requests++;
            string region = _client.Region;
            List<TItem> items = response.Response.GetObjectArray(_action.ItemsField).Select(i => _action.ReadItem(i, _query, region)).ToList();
            long total = response.Response.GetInt64(ListAction<TQuery, TItem>.TotalCountField);
            TotalCount = total;
            return new PageResult<TItem>
            {
                Items = items, Offset = offset, Limit = limit, Received = items.Count, TotalCount = total,
                RequestId = response.RequestId, Elapsed = response.Elapsed,
            };
        }

        /// <summary>
        /// Takes the wanted items of an answer whose first item is item <paramref name="firstIndex"/> of the listing,
        /// advances the window and decides whether the listing goes on.
        /// </summary>
        private List<TItem> Deliver(PageResult<TItem> result, long firstIndex)
        {
            List<TItem> page = Page(result);
            int received = page.Count;
            var wanted = new List<TItem>();
            long from = Math.Max(0, _next - firstIndex);
            for (long i = from; i < received && _remaining > 0; i++)
            {
                wanted.Add(page[(int)i]);
                _remaining--;
            }
            long end = firstIndex + received;
            if (end > _next) _next = end;
            bool ranOut = received < result.Limit;
            if (ranOut && end < result.TotalCount)
                Shortfall = new TencentCloudException(ErrorCatalog.IncompleteListing,
                    $"{ActionName} for {_subject}: the service reported {result.TotalCount:N0} items (TotalCount), but its pages ended after {end:N0}; {result.TotalCount - end:N0} are missing from this listing.");
            if (ranOut || _remaining == 0 || _next >= result.TotalCount) HasMore = false;
            return wanted;
        }

        private PageResult<TItem> Inconsistent(PageResult<TItem> result)
        {
            Shortfall = new TencentCloudException(ErrorCatalog.IncompleteListing,
                $"{ActionName} for {_subject}: the service reported {result.TotalCount:N0} items (TotalCount), but answered {result.Received:N0} at Offset {result.Offset:N0}, Limit {result.Limit}, which fits neither reading of Offset; the listing stops here, incomplete.");
            HasMore = false;
            result.Items = Array.Empty<TItem>();
            return result;
        }

        /// <summary>
        /// Which reading of Offset the second answer shows: by its count where the readings expect different counts,
        /// else by whether it overlaps the first answer shifted by one item (items) or follows it (pages).
        /// </summary>
        private OffsetReading? Decide(List<TItem> reference, List<TItem> page, long total, long firstIndexIfItems, long firstIndexIfPages)
        {
            int ifItems = Between(total - firstIndexIfItems), ifPages = Between(total - firstIndexIfPages);
            if (ifItems != ifPages)
            {
                if (page.Count == ifItems) return OffsetReading.Items;
                if (page.Count == ifPages) return OffsetReading.Pages;
                return null;
            }
            // Both readings expect a full page here; anything else (an empty or short page) fits neither.
            if (ifItems == 0 || page.Count != ifItems) return null;
            return Overlaps(reference, page) ? OffsetReading.Items : OffsetReading.Pages;
        }

        /// <summary>
        /// Whether <paramref name="page"/> repeats <paramref name="reference"/> shifted by one item (Offset counted one
        /// item), or not shifted at all (an item was added in front between the two answers).
        /// </summary>
        private bool Overlaps(List<TItem> reference, List<TItem> page)
        {
            if (reference == null || page.Count == 0) return false;
            string[] a = reference.Select(_action.Identity).ToArray(), b = page.Select(_action.Identity).ToArray();
            bool Shifted(int shift)
            {
                int n = Math.Min(b.Length, a.Length - shift);
                if (n <= 0) return false;
                for (int i = 0; i < n; i++)
                    if (!string.Equals(a[i + shift], b[i], StringComparison.Ordinal)) return false;
                return true;
            }
            return Shifted(1) || Shifted(0);
        }

        private void Learn(OffsetReading reading, PageResult<TItem> result)
        {
            _mode = reading;
            _modes.Remember(_endpoint, ActionName, reading);
            result.Note = $"{ActionName} at {_endpoint} reads Offset as {(reading == OffsetReading.Pages ? "a page index" : "a number of items")} (found by comparing two answers); remembered for this process.";
        }

        private List<TItem> Page(PageResult<TItem> result) =>
            result.Items.Count > result.Limit ? result.Items.Take(result.Limit).ToList() : result.Items as List<TItem> ?? result.Items.ToList();

        private int Between(long count) => (int)Math.Max(0, Math.Min(_pageSize, count));

        private int Clamp(int limit) => Math.Max(_action.MinLimit, Math.Min(_action.MaxLimit, Math.Max(1, limit)));

        private static ulong Saturate(long start, ulong count) =>
            count > ulong.MaxValue - (ulong)start ? ulong.MaxValue : (ulong)start + count;
    }
}
