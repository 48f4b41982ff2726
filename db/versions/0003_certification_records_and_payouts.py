"""certification records and payouts: internal inspections and findings, training sessions
and attendees, certified quantities and the 有机码 pool, charge rules, payouts and their lines

New tables only: an existing database keeps every row; downgrade drops just these tables.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 13:59:22.472513
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('training_sessions',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('topic', sa.String(length=200), nullable=False),
    sa.Column('trainer', sa.String(length=100), nullable=False),
    sa.Column('location', sa.String(length=200), nullable=False),
    sa.Column('hours', sa.BigInteger(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_sessions')),
    sa.UniqueConstraint('code', name=op.f('uq_training_sessions_code'))
    )
    with op.batch_alter_table('training_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_sessions_held_on'), ['held_on'], unique=False)

    op.create_table('certified_quantities',
    sa.Column('certification_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.BigInteger(), nullable=False),
    sa.Column('unit', sa.String(length=16), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['certification_id'], ['certifications.id'], name=op.f('fk_certified_quantities_certification_id_certifications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_certified_quantities_product_id_products')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certified_quantities')),
    sa.UniqueConstraint('certification_id', 'product_id', name=op.f('uq_certified_quantities_certification_id_product_id'))
    )
    op.create_table('charge_rules',
    sa.Column('cooperative_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('per_kg', sa.BigInteger(), nullable=False),
    sa.Column('percent', sa.BigInteger(), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['cooperative_id'], ['cooperatives.id'], name=op.f('fk_charge_rules_cooperative_id_cooperatives')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_charge_rules_product_id_products')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_charge_rules'))
    )
    with op.batch_alter_table('charge_rules', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_charge_rules_cooperative_id'), ['cooperative_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_charge_rules_product_id'), ['product_id'], unique=False)

    op.create_table('internal_inspections',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('certification_id', sa.Integer(), nullable=True),
    sa.Column('inspected_on', sa.Date(), nullable=False),
    sa.Column('inspector', sa.String(length=100), nullable=False),
    sa.Column('risk', sa.Enum('low', 'medium', 'high', name='risklevel', native_enum=False, length=24), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['certification_id'], ['certifications.id'], name=op.f('fk_internal_inspections_certification_id_certifications')),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_internal_inspections_member_id_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_internal_inspections')),
    sa.UniqueConstraint('code', name=op.f('uq_internal_inspections_code'))
    )
    with op.batch_alter_table('internal_inspections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_internal_inspections_certification_id'), ['certification_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_internal_inspections_inspected_on'), ['inspected_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_internal_inspections_member_id'), ['member_id'], unique=False)

    op.create_table('payouts',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.BigInteger(), nullable=False),
    sa.Column('gross', sa.BigInteger(), nullable=False),
    sa.Column('charges', sa.BigInteger(), nullable=False),
    sa.Column('net', sa.BigInteger(), nullable=False),
    sa.Column('paid_on', sa.Date(), nullable=True),
    sa.Column('reference', sa.String(length=80), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_payouts_member_id_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payouts')),
    sa.UniqueConstraint('code', name=op.f('uq_payouts_code'))
    )
    with op.batch_alter_table('payouts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payouts_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_payouts_year'), ['year'], unique=False)

    op.create_table('training_attendees',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_training_attendees_member_id_members')),
    sa.ForeignKeyConstraint(['session_id'], ['training_sessions.id'], name=op.f('fk_training_attendees_session_id_training_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('session_id', 'member_id', name=op.f('pk_training_attendees'))
    )
    op.create_table('inspection_findings',
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('severity', sa.Enum('observation', 'minor', 'major', name='severity', native_enum=False, length=24), nullable=False),
    sa.Column('clause', sa.String(length=60), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('corrective_action', sa.Text(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('sanction', sa.String(length=200), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('closure_evidence', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['inspection_id'], ['internal_inspections.id'], name=op.f('fk_inspection_findings_inspection_id_internal_inspections')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection_findings'))
    )
    with op.batch_alter_table('inspection_findings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspection_findings_inspection_id'), ['inspection_id'], unique=False)

    op.create_table('organic_codes',
    sa.Column('certification_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=17), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.Column('package_id', sa.Integer(), nullable=True),
    sa.Column('lot_id', sa.Integer(), nullable=True),
    sa.Column('quantity', sa.BigInteger(), nullable=True),
    sa.Column('used_at', sa.DateTime(), nullable=True),
    sa.Column('used_by', sa.String(length=60), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['certification_id'], ['certifications.id'], name=op.f('fk_organic_codes_certification_id_certifications')),
    sa.ForeignKeyConstraint(['lot_id'], ['lots.id'], name=op.f('fk_organic_codes_lot_id_lots')),
    sa.ForeignKeyConstraint(['package_id'], ['packages.id'], name=op.f('fk_organic_codes_package_id_packages')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organic_codes')),
    sa.UniqueConstraint('code', name=op.f('uq_organic_codes_code')),
    sa.UniqueConstraint('package_id', name=op.f('uq_organic_codes_package_id'))
    )
    with op.batch_alter_table('organic_codes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organic_codes_certification_id'), ['certification_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_organic_codes_lot_id'), ['lot_id'], unique=False)

    op.create_table('payout_lines',
    sa.Column('payout_id', sa.Integer(), nullable=False),
    sa.Column('delivery_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.BigInteger(), nullable=False),
    sa.Column('unit_price', sa.BigInteger(), nullable=False),
    sa.Column('gross', sa.BigInteger(), nullable=False),
    sa.Column('charges', sa.BigInteger(), nullable=False),
    sa.Column('net', sa.BigInteger(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['delivery_id'], ['member_deliveries.id'], name=op.f('fk_payout_lines_delivery_id_member_deliveries')),
    sa.ForeignKeyConstraint(['payout_id'], ['payouts.id'], name=op.f('fk_payout_lines_payout_id_payouts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payout_lines')),
    sa.UniqueConstraint('delivery_id', name=op.f('uq_payout_lines_delivery_id'))
    )
    with op.batch_alter_table('payout_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payout_lines_payout_id'), ['payout_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('payout_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payout_lines_payout_id'))

    op.drop_table('payout_lines')
    with op.batch_alter_table('organic_codes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organic_codes_lot_id'))
        batch_op.drop_index(batch_op.f('ix_organic_codes_certification_id'))

    op.drop_table('organic_codes')
    with op.batch_alter_table('inspection_findings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspection_findings_inspection_id'))

    op.drop_table('inspection_findings')
    op.drop_table('training_attendees')
    with op.batch_alter_table('payouts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payouts_year'))
        batch_op.drop_index(batch_op.f('ix_payouts_member_id'))

    op.drop_table('payouts')
    with op.batch_alter_table('internal_inspections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_internal_inspections_member_id'))
        batch_op.drop_index(batch_op.f('ix_internal_inspections_inspected_on'))
        batch_op.drop_index(batch_op.f('ix_internal_inspections_certification_id'))

    op.drop_table('internal_inspections')
    with op.batch_alter_table('charge_rules', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_charge_rules_product_id'))
        batch_op.drop_index(batch_op.f('ix_charge_rules_cooperative_id'))

    op.drop_table('charge_rules')
    op.drop_table('certified_quantities')
    with op.batch_alter_table('training_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_sessions_held_on'))

    op.drop_table('training_sessions')
