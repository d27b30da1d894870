using MongoBackup.Client;

namespace MongoBackup.Api
{
    /// <summary>
    /// One non-paged action of the API: its descriptor (name, safety, documented limit), how a typed request becomes the
    /// JSON body, and how the answer becomes a typed result. Like the emulator's IApiAction, one class per action in
    /// Actions/; this layer is the only place that spells action and field names.
    /// </summary>
    internal abstract class ApiAction<TRequest, TResult>
    {
        protected ApiAction(ActionDescriptor descriptor)
        {
            Descriptor = descriptor;
        }

        public ActionDescriptor Descriptor { get; }

        public abstract JsonObject Write(TRequest request);

        /// <summary>Reads the answer; <paramref name="region"/> is the region the request went to (recorded on the objects read).</summary>
        public abstract TResult Read(JsonObject response, TRequest request, string region);
    }

    /// <summary>
    /// One paged Describe* action: the filter fields of a typed query, the array of items and TotalCount of the answer, and
    /// how the action reads Offset. The <see cref="Pager{TQuery, TItem}"/> drives Offset and Limit.
    /// </summary>
    internal abstract class ListAction<TQuery, TItem>
    {
        public const string OffsetField = "Offset";
        public const string LimitField = "Limit";
        public const string TotalCountField = "TotalCount";

        protected ListAction(ActionDescriptor descriptor, string itemsField, bool offsetMayCountPages = false, int minLimit = 1, int maxLimit = 100)
        {
            Descriptor = descriptor;
            ItemsField = itemsField;
            OffsetMayCountPages = offsetMayCountPages;
            MinLimit = minLimit;
            MaxLimit = maxLimit;
        }

        public ActionDescriptor Descriptor { get; }

        /// <summary>The answer's array of items.</summary>
        public string ItemsField { get; }

        /// <summary>
        /// The documentation can be read as Offset counting pages rather than items: the pager finds out which (once per
        /// process and endpoint) instead of assuming.
        /// </summary>
        public bool OffsetMayCountPages { get; }

        /// <summary>The smallest Limit the action accepts (DescribeDBInstances: 2, its documented range being (1,100]).</summary>
        public int MinLimit { get; }

        public int MaxLimit { get; }

        /// <summary>The query's filter fields (Offset and Limit are added by the pager).</summary>
        public abstract JsonObject Write(TQuery query);

        public abstract TItem ReadItem(JsonObject item, TQuery query, string region);

        /// <summary>
        /// What identifies an item across two answers (for the offset probe): fields that do not change while the item
        /// is listed (a download task's Percent and its presigned Url do).
        /// </summary>
        public abstract string Identity(TItem item);
    }

    /// <summary>The result of an action that answers nothing but its RequestId.</summary>
    internal sealed class NoOutput
    {
        public static readonly NoOutput Value = new NoOutput();

        private NoOutput() { }
    }
}
