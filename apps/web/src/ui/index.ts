// HOMi's design system: pages compose these and never style raw elements of their own.
export { Alert, type AlertTone } from './alert';
export { Badge, type BadgeTone } from './badge';
export { Button, buttonClasses, type ButtonProps } from './button';
export { Checkbox } from './checkbox';
export { ConfirmDialog, Dialog } from './dialog';
export { Detail, DetailList } from './detail';
export { EmptyState } from './empty-state';
export { FormField, useFieldControl } from './form-field';
export { ButtonLink, Link } from './link';
export { Loading, Skeleton } from './loading';
export { PageHeader } from './page-header';
export { ProblemMessage, useProblemText } from './problem-message';
export { Select } from './select';
export { Spinner } from './spinner';
export { Pagination, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from './table';
export { TextArea, TextInput } from './text-input';
export { ToastProvider, useToast } from './toast';
