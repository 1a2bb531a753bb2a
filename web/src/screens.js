// The screens of the UI: one page module each. A screen with `requires` shows in the navigation
// only when that API answers on this server (api.available); add a screen here and a page
// module under pages/ to grow the UI.
import { DashboardPage } from './pages/dashboard.js';
import { WorkflowsPage } from './pages/workflows.js';
import { WorkflowEditorPage } from './pages/workflow_editor.js';
import { WorkListPage } from './pages/work_list.js';
import { CustomersPage } from './pages/customers.js';
import { CustomerPage } from './pages/customer.js';
import { PaymentsPage } from './pages/payments.js';
import { TemplatesPage } from './pages/templates.js';

export const screens = [
  { path: '/', page: DashboardPage, title: 'nav.dashboard', nav: true },
  { path: '/workflows', page: WorkflowsPage, title: 'nav.workflows', nav: true },
  { path: '/workflows/new', page: WorkflowEditorPage, title: 'nav.workflows' },
  { path: '/workflows/:id', page: WorkflowEditorPage, title: 'nav.workflows' },
  { path: '/work', page: WorkListPage, title: 'nav.work', nav: true },
  { path: '/work/:task', page: WorkListPage, title: 'nav.work' },
  { path: '/customers', page: CustomersPage, title: 'nav.customers', nav: true },
  { path: '/customers/:id', page: CustomerPage, title: 'nav.customers' },
  { path: '/payments', page: PaymentsPage, title: 'nav.payments', nav: true },
  { path: '/templates', page: TemplatesPage, title: 'nav.templates', nav: true },
];
