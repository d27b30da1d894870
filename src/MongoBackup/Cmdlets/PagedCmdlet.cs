using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using MongoBackup.Api;
using MongoBackup.Client;

namespace MongoBackup.Cmdlets
{
    /// <summary>
    /// The third layer, for the listing cmdlets (SupportsPaging): -Limit and -Offset, -Region with several regions or *,
    /// and the loop that writes each page's items as they arrive. -Offset, -Skip and -First count items whatever the
    /// action does with Offset, and apply to each listing (each input, each region). Several regions are listed in
    /// parallel under the rate limiter, their results streaming as they arrive; a failing region is that region's error.
    /// </summary>
    public abstract class PagedCmdlet : ApiCmdlet
    {
        /// <summary>The regions to list, such as ap-guangzhou or ap-shanghai; several, or * for every region where TencentDB for MongoDB is sold (listed in parallel). Defaults to Connect-TencentCloud's region, then TENCENTCLOUD_REGION, then the tccli profile's region. Taken from piped objects by property name (their Region, or RequestRegion).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("RequestRegion")]
        [AllowNull]
        [AllowEmptyCollection]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string[] Region { get; set; }

        /// <summary>Page size of each request, 1 to 100 (default 100). Every page is fetched whatever the size.</summary>
        [Parameter]
        [ValidateRange(1, 100)]
        public int Limit { get; set; } = 100;

        /// <summary>How many matching items to pass over before the first one returned (default 0), counted in items. -Skip adds to it.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int Offset { get; set; }

        private string[] _commandLineRegions;

        internal override string CommandLineRegion =>
            Region != null && Region.Length == 1 && Region[0] != RegionCatalog.AllRegions ? Region[0] : null;

        protected override void BeginProcessing()
        {
            _commandLineRegions = Region;
            base.BeginProcessing();
        }

        /// <summary>The regions of the current input: the given (or piped) ones with * expanded, else the default one.</summary>
        internal IReadOnlyList<string> RegionsOfInput()
        {
            string[] given = (Region ?? _commandLineRegions ?? new string[0]).Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).ToArray();
            if (given.Length == 0)
            {
                if (string.IsNullOrWhiteSpace(Settings.Region)) throw SettingsResolver.MissingRegion(Settings);
                return new[] { Settings.Region };
            }
            return RegionCatalog.Expand(given).Select(SettingsInput.CheckRegion).ToList();
        }

        /// <summary>The window of each listing: -Offset plus -Skip, -First, -Limit, -IncludeTotalCount.</summary>
        internal PageWindow Window
        {
            get
            {
                PagingParameters paging = PagingParameters;
                decimal start = Offset + (decimal)paging.Skip;
                return new PageWindow(start > long.MaxValue ? long.MaxValue : (long)start, paging.First, Limit, paging.IncludeTotalCount);
            }
        }

        /// <summary>
        /// Lists an instance-scoped action (one instance's tasks or backups): with several regions, first finds the
        /// instance's region (one request per region, remembered for the process), then lists there.
        /// </summary>
        internal void WriteInstanceListing<T>(string instanceId, Func<MongoDbApi, IPager<T>> open, string itemName)
        {
            try
            {
                IReadOnlyList<string> regions = RegionsOfInput();
                string region = regions.Count == 1 ? regions[0]
                    : Await(ct => InstanceRegions.Shared.FindAsync(instanceId, regions, ApiFor, Settings.Endpoint.GetLeftPart(UriPartial.Authority), ct));
                if (regions.Count > 1) WriteVerbose($"{instanceId} is in {region}.");
                WriteListing(open(ApiFor(region)), instanceId, itemName);
            }
            catch (Exception e) when (e is TencentCloudException || e is InvalidResponseException)
            {
                WriteFailure(e, instanceId);
            }
        }

        /// <summary>Lists in every region of the input, in parallel when there are several; each failure is that region's error.</summary>
        internal void WriteRegionListings<T>(Func<MongoDbApi, IPager<T>> open, object errorTarget, string itemName)
        {
            IReadOnlyList<string> regions;
            try
            {
                regions = RegionsOfInput();
                if (regions.Count == 1)
                {
                    WriteListing(open(ApiFor(regions[0])), errorTarget, itemName);
                    return;
                }
            }
            catch (Exception e) when (e is TencentCloudException || e is InvalidResponseException)
            {
                WriteFailure(e, errorTarget);
                return;
            }
            var apis = regions.Select(ApiFor).ToList();
            Await(ct => Task.WhenAll(apis.Select(api => ListInBackgroundAsync(open(api), api.Region, errorTarget, itemName, ct))));
        }

        /// <summary>One listing on the pipeline thread: each page's items are written as the page arrives.</summary>
        internal void WriteListing<T>(IPager<T> pager, object errorTarget, string itemName)
        {
            bool first = true;
            while (pager.HasMore)
            {
                PageResult<T> page = Await(ct => pager.NextAsync(ct));
                Report(pager, page, itemName, first);
                first = false;
                foreach (T item in page.Items) WriteObject(item);
            }
            if (pager.Shortfall != null) WriteFailure(pager.Shortfall, errorTarget);
        }

        private async Task ListInBackgroundAsync<T>(IPager<T> pager, string region, object errorTarget, string itemName, CancellationToken ct)
        {
            try
            {
                bool first = true;
                while (pager.HasMore)
                {
                    PageResult<T> page = await pager.NextAsync(ct).ConfigureAwait(false);
                    bool isFirst = first;
                    first = false;
                    Pump.Post(() =>
                    {
                        Report(pager, page, itemName + " in " + region, isFirst);
                        foreach (T item in page.Items) WriteObject(item);
                    });
                }
                if (pager.Shortfall != null) Pump.Post(() => WriteFailure(pager.Shortfall, errorTarget));
            }
            catch (Exception e) when (e is TencentCloudException || e is InvalidResponseException)
            {
                Pump.Post(() => WriteFailure(e, errorTarget));
            }
        }

        /// <summary>The verbose line of an answer, the offset probe's finding, and the total count (-IncludeTotalCount) first.</summary>
        private void Report<T>(IPager<T> pager, PageResult<T> page, string itemName, bool first)
        {
            if (Pump.WantsVerbose)
            {
                WriteVerbose($"{pager.ActionName} {pager.Subject}: offset {page.Offset}, limit {page.Limit}: {page.Received} {itemName} of {page.TotalCount} in {page.Elapsed.TotalMilliseconds:0} ms (RequestId {page.RequestId})");
                if (page.Note != null) WriteVerbose(page.Note);
            }
            if (first && PagingParameters.IncludeTotalCount) WriteObject(PagingParameters.NewTotalCount((ulong)Math.Max(0, page.TotalCount), 1.0));
        }
    }
}
